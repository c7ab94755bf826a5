//! Conversions between byte and code-point offsets of one text, each a table lookup and a
//! walk over a few dozen bytes: an article has hundreds of annotation ends to convert.

/// Characters between two marks of a [`CharIndex`]: a lookup walks over at most this many.
const CHARS_PER_MARK: usize = 8;

/// Finds the byte of a code-point offset: none for an ASCII text (each byte is a code
/// point), else the byte of every [`CHARS_PER_MARK`]th character, then a short walk. The
/// selectors of a W3C annotation look up four offsets, hundreds of times an article.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CharIndex {
    /// Empty for an ASCII text.
    marks: Vec<usize>,
    /// Characters in the text.
    pub(super) len: usize,
}

impl CharIndex {
    pub(super) fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex {
                marks: Vec::new(),
                len: text.len(),
            };
        }
        let mut marks = Vec::with_capacity(text.len() / CHARS_PER_MARK + 1);
        let mut len = 0;
        for (i, _) in text.char_indices() {
            if len % CHARS_PER_MARK == 0 {
                marks.push(i);
            }
            len += 1;
        }
        CharIndex { marks, len }
    }

    /// The byte offset in `text` of code point `cp` (the text's length past its end).
    pub(super) fn byte(&self, text: &str, cp: usize) -> usize {
        if cp >= self.len {
            return text.len();
        }
        if self.marks.is_empty() {
            return cp;
        }
        let from = self.marks[cp / CHARS_PER_MARK];
        let skip = cp % CHARS_PER_MARK;
        text[from..]
            .char_indices()
            .nth(skip)
            .map_or(text.len(), |(i, _)| from + i)
    }
}

/// Bytes between two marks of a [`CodePoints`].
const BYTES_PER_MARK: usize = 16;

/// Finds the code point of a byte offset: the code points before every [`BYTES_PER_MARK`]th
/// byte, then a count of the character starts since (the line index's marks are 1 KiB
/// apart, a long count for every annotation end).
pub(super) struct CodePoints<'a> {
    text: &'a str,
    /// Empty for an ASCII text, whose bytes are its code points.
    marks: Vec<usize>,
}

impl<'a> CodePoints<'a> {
    pub(super) fn new(text: &'a str) -> CodePoints<'a> {
        if text.is_ascii() {
            let marks = Vec::new();
            return CodePoints { text, marks };
        }
        let mut marks = Vec::with_capacity(text.len() / BYTES_PER_MARK + 2);
        marks.push(0);
        let mut before = 0;
        for chunk in text.as_bytes().chunks(BYTES_PER_MARK) {
            before += starts(chunk);
            marks.push(before);
        }
        CodePoints { text, marks }
    }

    /// Code points in `text[..offset]`, `offset` clamped to the text and rounded down to a
    /// character boundary.
    pub(super) fn at(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        if self.marks.is_empty() {
            return offset;
        }
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mark = offset / BYTES_PER_MARK;
        self.marks[mark] + starts(&self.text.as_bytes()[mark * BYTES_PER_MARK..offset])
    }
}

/// The characters that start in `bytes`.
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_indexes_agree_with_counting_characters() {
        for text in [
            "Emoji 😀 東京 ".repeat(40) + "end",
            "ASCII only ".repeat(40),
        ] {
            agree(&text);
        }
    }

    fn agree(text: &str) {
        let index = CharIndex::new(text);
        let points = CodePoints::new(text);
        for (cp, (byte, c)) in text.char_indices().enumerate() {
            assert_eq!(index.byte(text, cp), byte);
            assert_eq!(points.at(byte), cp);
            // Inside a character: the character's own code point.
            assert_eq!(points.at(byte + c.len_utf8() - 1), cp);
        }
        assert_eq!(points.at(text.len() + 5), index.len);
        assert_eq!(index.byte(text, index.len), text.len());
    }
}
