//! Conversions between byte offsets and line/column positions in UTF-8, UTF-16 or UTF-32
//! code units (what editors count in).
//!
//! Every conversion in newsls goes through this module; `lsp::proto` only renames its
//! types to the protocol's. It works on a [`Rope`] (built without
//! ropey's `unicode_lines`, so lines end only at `\n`, `\r\n` and `\r`, as LSP says), which
//! makes each conversion O(log n) whatever the line length.

use ropey::Rope;
use std::ops::Range;

/// A zero-based line and column, the column counted in the units of an [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub character: u32,
}

impl LineCol {
    pub const fn new(line: u32, character: u32) -> LineCol {
        LineCol { line, character }
    }
}

/// A range of [`LineCol`] positions, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct LineColRange {
    pub start: LineCol,
    pub end: LineCol,
}

impl LineColRange {
    pub const fn new(start: LineCol, end: LineCol) -> LineColRange {
        LineColRange { start, end }
    }
}

/// The unit position `character` offsets count in (LSP's position encodings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Parses "utf-8", "utf-16" or "utf-32".
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    /// The name LSP gives it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }
}

/// The position of byte `offset` (clamped to the text, rounded down to a char boundary).
pub fn to_line_col(rope: &Rope, offset: usize, encoding: Encoding) -> LineCol {
    let char_idx = rope.byte_to_char(offset.min(rope.len_bytes()));
    let line = rope.char_to_line(char_idx);
    let line_start = rope.line_to_char(line);
    let character = match encoding {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(line_start),
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start),
        Encoding::Utf32 => char_idx - line_start,
    };
    LineCol::new(saturate(line), saturate(character))
}

/// The byte offset of `position`, or `None` when its line is past the end of the text.
///
/// A `character` past the end of its line means the end of the line (LSP says so); one inside
/// a multi-unit character rounds down to that character's start. The line just past the last
/// one is accepted at character 0 only, as the end of the text.
pub fn to_offset(rope: &Rope, position: LineCol, encoding: Encoding) -> Option<usize> {
    let line = position.line as usize;
    let character = position.character as usize;
    if line >= rope.len_lines() {
        return (line == rope.len_lines() && character == 0).then(|| rope.len_bytes());
    }
    let start = rope.line_to_char(line);
    let end = start + content_chars(rope, line);
    let char_idx = match encoding {
        Encoding::Utf8 => {
            let start_byte = rope.char_to_byte(start);
            let end_byte = rope.char_to_byte(end);
            rope.byte_to_char((start_byte + character).min(end_byte))
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(start);
            let end_cu = rope.char_to_utf16_cu(end);
            rope.utf16_cu_to_char((start_cu + character).min(end_cu))
        }
        Encoding::Utf32 => (start + character).min(end),
    };
    Some(rope.char_to_byte(char_idx))
}

/// The line/column range of a byte range.
pub fn line_col_range(rope: &Rope, range: Range<usize>, encoding: Encoding) -> LineColRange {
    LineColRange::new(
        to_line_col(rope, range.start, encoding),
        to_line_col(rope, range.end, encoding),
    )
}

/// The byte range of a line/column range, or `None` when it leaves the text or ends before
/// it starts.
pub fn byte_range(rope: &Rope, range: LineColRange, encoding: Encoding) -> Option<Range<usize>> {
    let start = to_offset(rope, range.start, encoding)?;
    let end = to_offset(rope, range.end, encoding)?;
    (start <= end).then_some(start..end)
}

/// Line starts of a plain string, for converting positions in files that are indexed but not
/// open (no rope is kept for them). Each conversion is a binary search plus a count over at
/// most [`CHUNK`] bytes, however long the line (a scraped page may be one 10 MB line).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// UTF-16 and UTF-32 units in the text before each multiple of [`CHUNK`] bytes.
    chunks: Vec<(u32, u32)>,
}

/// Bytes between two checkpoints of a [`LineIndex`].
const CHUNK: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(saturate(i + 2));
                    i += 1;
                }
                b'\n' | b'\r' => starts.push(saturate(i + 1)),
                _ => {}
            }
            i += 1;
        }
        let chunks = std::iter::once((0, 0))
            .chain(bytes.chunks(CHUNK).scan((0, 0), |(u16, u32), chunk| {
                *u16 += width(chunk, Encoding::Utf16);
                *u32 += width(chunk, Encoding::Utf32);
                Some((saturate(*u16), saturate(*u32)))
            }))
            .collect();
        LineIndex { starts, chunks }
    }

    /// Units of `encoding` in `text[..offset]` (`offset` on a character boundary).
    fn units_before(&self, text: &str, offset: usize, encoding: Encoding) -> usize {
        let chunk = offset / CHUNK;
        let (u16, u32) = self.chunks[chunk];
        let base = match encoding {
            Encoding::Utf8 => return offset,
            Encoding::Utf16 => u16,
            Encoding::Utf32 => u32,
        };
        base as usize + width(&text.as_bytes()[chunk * CHUNK..offset], encoding)
    }

    /// The position of byte `offset` of `text` (the string this index was built from).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = char_floor(text, offset);
        let line = self.line(offset);
        let start = self.starts[line] as usize;
        let character =
            self.units_before(text, offset, encoding) - self.units_before(text, start, encoding);
        LineCol::new(saturate(line), saturate(character))
    }

    pub fn range(&self, text: &str, range: Range<usize>, encoding: Encoding) -> LineColRange {
        LineColRange::new(
            self.position(text, range.start, encoding),
            self.position(text, range.end, encoding),
        )
    }

    /// Code points in `text[..offset]` (`offset` rounded down to a character boundary): the
    /// index of that byte in a Python string of `text`.
    pub fn code_points(&self, text: &str, offset: usize) -> usize {
        self.units_before(text, char_floor(text, offset), Encoding::Utf32)
    }

    /// Zero-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }
}

/// Chars of `line` without its line break.
fn content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let len = slice.len_chars();
    let mut terminator = 0;
    if len > 0 && matches!(slice.char(len - 1), '\n' | '\r') {
        terminator = 1;
        if len > 1 && slice.char(len - 1) == '\n' && slice.char(len - 2) == '\r' {
            terminator = 2;
        }
    }
    len - terminator
}

/// `offset` clamped to the text and moved back to a character boundary.
fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The length of UTF-8 `bytes` in the units of `encoding`, counted byte by byte: every byte
/// that starts a character is one UTF-16 or UTF-32 unit, and a 4-byte character is two in
/// UTF-16. Counts of adjacent slices add up, wherever they are cut.
fn width(bytes: &[u8], encoding: Encoding) -> usize {
    let starts = || bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    match encoding {
        Encoding::Utf8 => bytes.len(),
        Encoding::Utf16 => starts() + bytes.iter().filter(|&&b| b >= 0xF0).count(),
        Encoding::Utf32 => starts(),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Em dash (3 bytes, 1 UTF-16 unit), curly quotes, ellipsis, emoji (4 bytes, 2 units), CJK.
    const TEXT: &str = "MOSCOW — “Hi…”\r\n😀 東京 x\rend\n";

    fn pos(line: u32, character: u32) -> LineCol {
        LineCol::new(line, character)
    }

    #[test]
    fn positions_in_each_encoding() {
        let rope = Rope::from_str(TEXT);
        let x = TEXT.find('x').unwrap();
        assert_eq!(to_line_col(&rope, x, Encoding::Utf8), pos(1, 12));
        assert_eq!(to_line_col(&rope, x, Encoding::Utf16), pos(1, 6));
        assert_eq!(to_line_col(&rope, x, Encoding::Utf32), pos(1, 5));
        let close = TEXT.find('”').unwrap();
        assert_eq!(to_line_col(&rope, close, Encoding::Utf8), pos(0, 19));
        assert_eq!(to_line_col(&rope, close, Encoding::Utf16), pos(0, 13));
        let end = TEXT.find("end").unwrap();
        assert_eq!(to_line_col(&rope, end, Encoding::Utf16), pos(2, 0));
        assert_eq!(to_line_col(&rope, TEXT.len(), Encoding::Utf16), pos(3, 0));
    }

    #[test]
    fn round_trip_at_every_char_boundary() {
        let rope = Rope::from_str(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let p = to_line_col(&rope, offset, encoding);
                let back = to_offset(&rope, p, encoding).unwrap();
                // A CRLF's "\n" sits at the end of its line, like the "\r" before it.
                let expected = if TEXT[..offset].ends_with('\r') && TEXT[offset..].starts_with('\n')
                {
                    offset - 1
                } else {
                    offset
                };
                assert_eq!(back, expected, "{encoding:?} at {offset}");
            }
        }
    }

    #[test]
    fn character_past_line_end_clamps_to_line_end() {
        let rope = Rope::from_str(TEXT);
        let crlf = TEXT.find('\r').unwrap();
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(to_offset(&rope, pos(0, 999), encoding), Some(crlf));
        }
    }

    #[test]
    fn inside_a_character_rounds_down() {
        let rope = Rope::from_str("😀a");
        assert_eq!(to_offset(&rope, pos(0, 1), Encoding::Utf16), Some(0));
        assert_eq!(to_offset(&rope, pos(0, 2), Encoding::Utf8), Some(0));
        assert_eq!(to_offset(&rope, pos(0, 2), Encoding::Utf16), Some(4));
        assert_eq!(to_line_col(&rope, 2, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn lines_past_the_end_are_refused() {
        let rope = Rope::from_str("ab\n");
        assert_eq!(to_offset(&rope, pos(1, 0), Encoding::Utf16), Some(3));
        assert_eq!(to_offset(&rope, pos(2, 0), Encoding::Utf16), Some(3));
        assert_eq!(to_offset(&rope, pos(2, 1), Encoding::Utf16), None);
        assert_eq!(to_offset(&rope, pos(7, 0), Encoding::Utf16), None);
    }

    #[test]
    fn unicode_separators_are_not_line_breaks() {
        let rope = Rope::from_str("a\u{2028}b\u{85}c\u{c}d");
        assert_eq!(rope.len_lines(), 1);
        assert_eq!(
            to_line_col(&rope, rope.len_bytes(), Encoding::Utf32),
            pos(0, 7)
        );
    }

    #[test]
    fn line_index_agrees_with_the_rope() {
        let rope = Rope::from_str(TEXT);
        let index = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let crlf_middle =
                    TEXT[..offset].ends_with('\r') && TEXT[offset..].starts_with('\n');
                if !crlf_middle {
                    assert_eq!(
                        index.position(TEXT, offset, encoding),
                        to_line_col(&rope, offset, encoding)
                    );
                }
            }
        }
        assert_eq!(index.line(TEXT.find("end").unwrap()), 2);
        assert_eq!(
            LineIndex::new("").position("", 0, Encoding::Utf16),
            pos(0, 0)
        );
    }

    proptest::proptest! {
        /// The line index (closed files) and the rope (open documents) agree on every range.
        #[test]
        fn line_index_ranges_equal_rope_ranges(
            unit in "[a-z \\r\\n—“😀東]{0,60}",
            copies in 1usize..80,
            a in 0.0..1.0f64,
            b in 0.0..1.0f64,
        ) {
            // Up to ~19 KB: lines longer than the index's checkpoint interval.
            let text = unit.repeat(copies);
            let (a, b) = ((a * text.len() as f64) as usize, (b * text.len() as f64) as usize);
            let rope = Rope::from_str(&text);
            let index = LineIndex::new(&text);
            let floor = |o: usize| (0..=o.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let (start, end) = (floor(a.min(b)), floor(a.max(b)));
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                proptest::prop_assert_eq!(
                    index.range(&text, start..end, encoding),
                    line_col_range(&rope, start..end, encoding)
                );
            }
        }

        /// Code points are what a Python string indexes: the chars before the offset.
        #[test]
        fn code_points_count_the_chars_before(
            unit in "[a-z \\r\\n—“😀東]{0,60}",
            copies in 1usize..80,
            at in 0.0..1.0f64,
        ) {
            let text = unit.repeat(copies);
            let at = (at * text.len() as f64) as usize;
            let floor = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let index = LineIndex::new(&text);
            proptest::prop_assert_eq!(index.code_points(&text, at), text[..floor].chars().count());
        }
    }
}
