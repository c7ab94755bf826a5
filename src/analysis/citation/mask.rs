//! Blanks out tag markup so the rest of the analysis reads only article text.

use super::lexer;
use std::borrow::Cow;

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
