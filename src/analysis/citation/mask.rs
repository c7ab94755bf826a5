//! Blanks out tag markup so the rest of the analysis reads only article text.

use super::lexer;
use std::borrow::Cow;
use std::ops::Range;

/// `text` with every tag (`<cite …>`, `</cite>`, `<source …/>`, malformed ones included)
/// replaced by spaces of the same byte length. Line breaks stay, so byte offsets, lines and
/// columns of everything else are unchanged. Borrows when there is no markup.
pub fn mask(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let tokens = lexer::tokens(text, &mut Vec::new());
    if tokens.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for token in tokens {
        for b in &mut bytes[token.range] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole UTF-8 sequences were replaced by ASCII spaces, so the bytes stay valid.
    Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// The byte ranges of the markup, sorted: what removing gives the article as it was before
/// it was tagged. A `<source/>` header alone on its line takes its line break with it, as it
/// was inserted with one.
pub fn markup(text: &str) -> Vec<Range<usize>> {
    if !text.contains('<') {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let line_start = |at: usize| at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
    lexer::tokens(text, &mut Vec::new())
        .into_iter()
        .map(|token| {
            let mut range = token.range;
            if token.kind == lexer::TokenKind::Source && line_start(range.start) {
                let rest = &bytes[range.end..];
                range.end += if rest.starts_with(b"\r\n") {
                    2
                } else {
                    usize::from(rest.first().is_some_and(|b| matches!(b, b'\n' | b'\r')))
                };
            }
            range
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_tags_and_keeps_offsets() {
        let text = "<source title=\"T—\"/>\nA <cite speaker=\"Ö\">\"q\"</cite> b";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        let blank = |tag: &str| " ".repeat(tag.len());
        let expected = format!(
            "{}\nA {}\"q\"{} b",
            blank("<source title=\"T—\"/>"),
            blank("<cite speaker=\"Ö\">"),
            blank("</cite>")
        );
        assert_eq!(masked, expected);
        assert_eq!(masked.find('\n'), text.find('\n'));
    }

    #[test]
    fn markup_ranges_remove_tags_and_the_header_line() {
        let text = "<source title=\"T\"/>\r\nA <cite speaker=\"Ö\">\"q\"</cite> b <source/>\n";
        let mut plain = String::new();
        let mut at = 0;
        for range in markup(text) {
            plain.push_str(&text[at..range.start]);
            at = range.end;
        }
        plain.push_str(&text[at..]);
        assert_eq!(plain, "A \"q\" b \n");
        assert!(markup("a < b").is_empty());
    }

    #[test]
    fn borrows_plain_text() {
        assert!(matches!(mask("a < b"), Cow::Borrowed(_)));
        assert!(matches!(mask("plain"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        #[test]
        fn keeps_length_and_line_breaks(text in "(<cite|</cite>|<source|/>|[ =\"a\n\r]|é){0,30}") {
            let masked = mask(&text);
            proptest::prop_assert_eq!(masked.len(), text.len());
            let breaks = |s: &str| s.match_indices(['\n', '\r']).map(|(i, _)| i).collect::<Vec<_>>();
            proptest::prop_assert_eq!(breaks(&masked), breaks(&text));
        }
    }
}
