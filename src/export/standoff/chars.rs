//! Code-point offsets of byte offsets in one text: a table lookup and a count over at most
//! a few bytes, as an article has hundreds of annotation ends to convert.

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

    /// `offset` clamped to the text and rounded down to a character boundary.
    pub(super) fn floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Code points in `text[..offset]`, `offset` as [`CodePoints::floor`] makes it.
    pub(super) fn at(&self, offset: usize) -> usize {
        let offset = self.floor(offset);
        if self.marks.is_empty() {
            return offset;
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
    fn code_points_agree_with_counting_characters() {
        for text in [
            "Emoji 😀 東京 ".repeat(40) + "end",
            "ASCII only ".repeat(40),
        ] {
            let points = CodePoints::new(&text);
            for (cp, (byte, c)) in text.char_indices().enumerate() {
                assert_eq!(points.at(byte), cp);
                // Inside a character: the character's own code point.
                assert_eq!(points.at(byte + c.len_utf8() - 1), cp);
                assert_eq!(points.floor(byte + c.len_utf8() - 1), byte);
            }
            assert_eq!(points.at(text.len() + 5), text.chars().count());
        }
    }
}
