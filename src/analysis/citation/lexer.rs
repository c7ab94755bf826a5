//! Finds tag markup (`<cite ...>`, `</cite>`, `<source .../>`) and reads its attributes.
//!
//! Tags never span a line break: a tag still open at the end of its line is reported as
//! unterminated there, so one typo cannot swallow the rest of the article. Every other `<`
//! is article text. Scanning visits each byte a bounded number of times (linear time).

use super::{Attribute, TagError, TagErrorKind};
use std::ops::Range;

/// What a piece of markup is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Open,
    Close,
    Source,
}

/// One piece of markup with its attributes.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub range: Range<usize>,
    pub attributes: Vec<Attribute>,
}

/// Scans `text` for markup, pushing syntax errors to `errors`.
pub(super) fn tokens(text: &str, errors: &mut Vec<TagError>) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        match token_at(bytes, start, errors) {
            Some(token) => {
                i = token.range.end.max(start + 1);
                out.push(token);
            }
            None => i = start + 1,
        }
    }
    out
}

/// The markup starting at `start` (a `<`), if it is one of ours.
fn token_at(bytes: &[u8], start: usize, errors: &mut Vec<TagError>) -> Option<Token> {
    let rest = &bytes[start..];
    if let Some(after) = name_end(rest, b"</cite") {
        return Some(close_tag(bytes, start, start + after, errors));
    }
    let (kind, after) = if let Some(after) = name_end(rest, b"<cite") {
        (TokenKind::Open, after)
    } else {
        (TokenKind::Source, name_end(rest, b"<source")?)
    };
    let mut reader = Reader {
        bytes,
        pos: start + after,
        errors,
    };
    let (attributes, end) = reader.attributes();
    let range = start..reader.pos;
    match (kind, end) {
        (TokenKind::Open, End::SelfClosing) => reader.error(
            &range,
            "`<cite>` must wrap the quotation and end with `>`, not `/>`",
        ),
        (TokenKind::Source, End::Open) => {
            reader.error(&range, "`<source>` is a header and must end with `/>`")
        }
        _ => {}
    }
    Some(Token {
        kind,
        range,
        attributes,
    })
}

/// Where the tag name `name` ends in `rest`, if `rest` starts with it as a whole word.
fn name_end(rest: &[u8], name: &[u8]) -> Option<usize> {
    if !rest.starts_with(name) {
        return None;
    }
    match rest.get(name.len()) {
        None => Some(name.len()),
        Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => Some(name.len()),
        Some(_) => None,
    }
}

/// A closing tag: `</cite>`, with optional spaces before the `>`.
fn close_tag(bytes: &[u8], start: usize, after: usize, errors: &mut Vec<TagError>) -> Token {
    let mut pos = after;
    while matches!(bytes.get(pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    if bytes.get(pos) == Some(&b'>') {
        pos += 1;
    } else {
        let line_end = pos + line_len(&bytes[pos..]);
        let gt = bytes[pos..line_end].iter().position(|&b| b == b'>');
        pos = gt.map_or(line_end, |g| pos + g + 1);
        errors.push(malformed(
            start..pos,
            "`</cite>` takes nothing but the tag name",
        ));
    }
    Token {
        kind: TokenKind::Close,
        range: start..pos,
        attributes: Vec::new(),
    }
}

/// Length of the line at the start of `bytes`, without its terminator.
fn line_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(bytes.len())
}

fn malformed(range: Range<usize>, why: &str) -> TagError {
    TagError {
        range,
        kind: TagErrorKind::Malformed(why.to_string()),
    }
}

/// How an opening tag ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// `>`
    Open,
    /// `/>`
    SelfClosing,
    /// Line break or end of text before the tag ended.
    Unterminated,
}

/// A cursor over a tag's attribute list.
struct Reader<'a, 'e> {
    bytes: &'a [u8],
    pos: usize,
    errors: &'e mut Vec<TagError>,
}

impl Reader<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error(&mut self, range: &Range<usize>, why: &str) {
        self.errors.push(malformed(range.clone(), why));
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Reads attributes up to and including the tag's end.
    fn attributes(&mut self) -> (Vec<Attribute>, End) {
        let tag_start = self.pos;
        let mut attributes = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                None | Some(b'\n' | b'\r') => {
                    self.error(
                        &(tag_start..self.pos),
                        "tag is not closed with `>` on its line",
                    );
                    return (attributes, End::Unterminated);
                }
                Some(b'>') => {
                    self.pos += 1;
                    return (attributes, End::Open);
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return (attributes, End::SelfClosing);
                }
                Some(b) if is_name_byte(b) => {
                    if let Some(attribute) = self.attribute() {
                        attributes.push(attribute);
                    }
                }
                Some(_) => self.junk(),
            }
        }
    }

    /// Skips a run of characters that cannot start an attribute.
    fn junk(&mut self) {
        let start = self.pos;
        // The first byte is always taken (the caller saw it start no attribute), so a stray
        // form feed or other control character cannot stall the reader.
        while let Some(b) = self.peek() {
            let moved = start != self.pos;
            if b == b'>' || (moved && (b.is_ascii_whitespace() || is_name_byte(b))) {
                break;
            }
            self.pos += 1;
        }
        self.error(
            &(start..self.pos),
            "expected an attribute like name=\"value\"",
        );
    }

    /// Skips a malformed value up to `stop`, the line end or the tag's end.
    fn skip_unquoted(&mut self, stop: impl Fn(u8) -> bool) {
        while let Some(b) = self.peek() {
            let tag_end = b == b'>' || (b == b'/' && self.bytes.get(self.pos + 1) == Some(&b'>'));
            if stop(b) || tag_end || b == b'\n' || b == b'\r' {
                break;
            }
            self.pos += 1;
        }
    }

    /// Reads `name="value"`; on a syntax error reports it and returns `None`.
    fn attribute(&mut self) -> Option<Attribute> {
        let name_start = self.pos;
        while self.peek().is_some_and(is_name_byte) {
            self.pos += 1;
        }
        let name_range = name_start..self.pos;
        let name = String::from_utf8_lossy(&self.bytes[name_range.clone()]).into_owned();
        self.skip_spaces();
        if self.peek() != Some(b'=') {
            self.error(&name_range, &format!("attribute `{name}` has no value"));
            return None;
        }
        self.pos += 1;
        self.skip_spaces();
        match self.peek() {
            Some(b'"') => self.pos += 1,
            Some(b'\'') => {
                let start = self.pos;
                self.pos += 1;
                self.skip_unquoted(|b| b == b'\'');
                if self.peek() == Some(b'\'') {
                    self.pos += 1;
                }
                self.error(&(start..self.pos), "attribute values take double quotes");
                return None;
            }
            _ => {
                self.skip_unquoted(|b| b.is_ascii_whitespace() || b == b'>');
                self.error(
                    &name_range,
                    &format!("attribute `{name}` needs a double-quoted value"),
                );
                return None;
            }
        }
        let value_start = self.pos;
        let len = self.bytes[value_start..]
            .iter()
            .position(|&b| matches!(b, b'"' | b'\n' | b'\r'))
            .unwrap_or(self.bytes.len() - value_start);
        self.pos = value_start + len;
        if self.peek() != Some(b'"') {
            self.error(
                &(value_start..self.pos),
                "attribute value is missing its closing `\"`",
            );
            return None;
        }
        let value_range = value_start..self.pos;
        self.pos += 1;
        let value = unescape(self.bytes, value_range.clone(), self.errors);
        Some(Attribute {
            name,
            name_range,
            value,
            value_range,
        })
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// The escapes a value may contain, and what they stand for.
const ESCAPES: [(&str, char); 4] = [
    ("&quot;", '"'),
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
];

/// Decodes the escapes of the value at `range`, reporting bad ones and raw `<`.
fn unescape(bytes: &[u8], range: Range<usize>, errors: &mut Vec<TagError>) -> String {
    let raw = String::from_utf8_lossy(&bytes[range.clone()]);
    let mut out = String::with_capacity(raw.len());
    let mut rest: &str = &raw;
    let mut offset = range.start;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let consumed = if tail.starts_with('<') {
            errors.push(malformed(
                offset + i..offset + i + 1,
                "write `<` as `&lt;` in values",
            ));
            out.push('<');
            1
        } else if let Some((escape, c)) = ESCAPES.iter().find(|(e, _)| tail.starts_with(e)) {
            out.push(*c);
            escape.len()
        } else {
            let why = "unknown escape; use &quot; &amp; &lt; or &gt; (write `&` as `&amp;`)";
            errors.push(malformed(offset + i..offset + i + 1, why));
            out.push('&');
            1
        };
        rest = &tail[consumed..];
        offset += i + consumed;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> (Vec<Token>, Vec<TagError>) {
        let mut errors = Vec::new();
        (tokens(text, &mut errors), errors)
    }

    /// Found by fuzzing: an ASCII control character inside a tag made the reader stop
    /// moving (a hang with ever more errors).
    #[test]
    fn control_characters_inside_tags_are_junk_not_a_hang() {
        for text in [
            "<source\x0c",
            "<cite\x0c",
            "<source \x0c",
            "<source\x0c/>",
            "<cite a=\"b\"\x0c>x</cite>",
            "<cite \x0b\x0c\x1f>",
        ] {
            let (_, errors) = scan(text);
            assert!(!errors.is_empty(), "{text:?}");
            assert!(errors.len() < 5, "{text:?}: {errors:?}");
        }
    }

    #[test]
    fn reads_tags_and_attributes_with_ranges() {
        let text = r#"a <cite speaker="A &amp; B">"x"</cite> b"#;
        let (tokens, errors) = scan(text);
        assert!(errors.is_empty(), "{errors:?}");
        let kinds: Vec<_> = tokens
            .iter()
            .map(|t| (t.kind, &text[t.range.clone()]))
            .collect();
        assert_eq!(
            kinds,
            [
                (TokenKind::Open, r#"<cite speaker="A &amp; B">"#),
                (TokenKind::Close, "</cite>")
            ]
        );
        let attribute = &tokens[0].attributes[0];
        assert_eq!(&text[attribute.name_range.clone()], "speaker");
        assert_eq!(&text[attribute.value_range.clone()], "A &amp; B");
        assert_eq!(attribute.value, "A & B");
    }

    #[test]
    fn other_angle_brackets_are_text() {
        let (tokens, errors) = scan("1 < 2, <citation> <b> <sources>");
        assert!(tokens.is_empty() && errors.is_empty());
    }

    #[test]
    fn unterminated_tag_stops_at_line_end() {
        let text = "<cite speaker=\"A\"\nnext line";
        let (tokens, errors) = scan(text);
        assert_eq!(tokens[0].range, 0..17);
        assert!(errors[0].message().contains("not closed"));
    }

    #[test]
    fn value_errors_are_reported_at_their_place() {
        let text = r#"<cite speaker="a < b & c" x='y' z>"#;
        let (_, errors) = scan(text);
        let places: Vec<_> = errors.iter().map(|e| &text[e.range.clone()]).collect();
        assert_eq!(places, ["<", "&", "'y'", "z"]);
    }

    #[test]
    fn unterminated_value_is_reported() {
        let (tokens, errors) = scan("<cite speaker=\"abc");
        assert!(tokens[0].attributes.is_empty());
        assert!(errors[0].message().contains("closing `\"`"));
    }
}
