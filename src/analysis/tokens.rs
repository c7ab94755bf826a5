//! Word, number and punctuation tokens with byte ranges.
//!
//! Tokens are produced on demand rather than stored: an index of thousands of articles keeps
//! blocks and sentences, and re-tokenizes the few spans a feature looks at.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner hyphens or apostrophes ("Sung-hwan", "don’t").
    Word,
    /// Digits, with inner separators ("20,000", "3.5").
    Number,
    /// One character that is neither a letter, a digit nor a space.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// The tokens of `text[range]`, with ranges into `text`.
pub fn tokens(text: &str, range: Range<usize>) -> impl Iterator<Item = Token> + '_ {
    let base = range.start;
    let slice = &text[range];
    let mut chars = slice.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = loop {
            let (i, c) = chars.next()?;
            if !c.is_whitespace() {
                break (i, c);
            }
        };
        let kind = if first.is_alphabetic() {
            TokenKind::Word
        } else if first.is_numeric() {
            TokenKind::Number
        } else {
            return Some(Token {
                range: base + start..base + start + first.len_utf8(),
                kind: TokenKind::Punct,
            });
        };
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            let joins = match kind {
                TokenKind::Word => matches!(c, '-' | '\'' | '’'),
                _ => matches!(c, ',' | '.'),
            };
            if c.is_alphanumeric() || (joins && next_is_alphanumeric(&slice[i + c.len_utf8()..])) {
                chars.next();
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        Some(Token {
            range: base + start..base + end,
            kind,
        })
    })
}

fn next_is_alphanumeric(rest: &str) -> bool {
    rest.chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text, 0..text.len())
            .map(|t| (&text[t.range], t.kind))
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            texts("Kim Sung-hwan’s $20,000 — “yes.”"),
            [
                ("Kim", Word),
                ("Sung-hwan’s", Word),
                ("$", Punct),
                ("20,000", Number),
                ("—", Punct),
                ("“", Punct),
                ("yes", Word),
                (".", Punct),
                ("”", Punct)
            ]
        );
    }

    #[test]
    fn ranges_are_relative_to_the_whole_text() {
        let text = "skip 東京 2.5.";
        let got: Vec<_> = tokens(text, 5..text.len()).map(|t| t.range).collect();
        assert_eq!(got, [5..11, 12..15, 15..16]);
        assert_eq!(tokens("", 0..0).count(), 0);
        assert_eq!(
            texts("trailing- 'quote'"),
            [
                ("trailing", TokenKind::Word),
                ("-", TokenKind::Punct),
                ("'", TokenKind::Punct),
                ("quote", TokenKind::Word),
                ("'", TokenKind::Punct)
            ]
        );
    }
}
