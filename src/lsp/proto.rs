//! The one place where newsls's own position types become the protocol's and back
//! (rust-analyzer's `to_proto` / `from_proto`). Offsets are computed in [`crate::text`];
//! this module only renames.

use crate::text::{self, Encoding, LineCol, LineColRange};
use ropey::Rope;
use std::ops::Range;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range as LspRange};

impl From<LineCol> for Position {
    fn from(p: LineCol) -> Position {
        Position::new(p.line, p.character)
    }
}

impl From<LineColRange> for LspRange {
    fn from(r: LineColRange) -> LspRange {
        LspRange::new(r.start.into(), r.end.into())
    }
}

/// A protocol position as newsls's own.
pub fn line_col(p: Position) -> LineCol {
    LineCol::new(p.line, p.character)
}

/// A protocol range as newsls's own.
pub fn line_col_range(r: LspRange) -> LineColRange {
    LineColRange::new(line_col(r.start), line_col(r.end))
}

/// The protocol position of byte `offset` of a document.
pub fn to_position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    text::to_line_col(rope, offset, encoding).into()
}

/// The protocol range of a byte range of a document.
pub fn lsp_range(rope: &Rope, range: Range<usize>, encoding: Encoding) -> LspRange {
    text::line_col_range(rope, range, encoding).into()
}

/// The byte offset of a protocol position (see [`text::to_offset`]).
pub fn to_offset(rope: &Rope, position: Position, encoding: Encoding) -> Option<usize> {
    text::to_offset(rope, line_col(position), encoding)
}

/// The byte range of a protocol range (see [`text::byte_range`]).
pub fn byte_range(rope: &Rope, range: LspRange, encoding: Encoding) -> Option<Range<usize>> {
    text::byte_range(rope, line_col_range(range), encoding)
}

/// Picks the first encoding the client offers that we support, in the client's order of
/// preference; UTF-16 when it offers none (the LSP default).
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    offered
        .into_iter()
        .flatten()
        .find_map(|kind| Encoding::from_name(kind.as_str()))
        .unwrap_or_default()
}

/// The protocol's name of an encoding.
pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    PositionEncodingKind::new(encoding.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_client_preference() {
        let offered = [
            PositionEncodingKind::new("utf-32"),
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(negotiate(Some(&offered)), Encoding::Utf32);
        let unknown = [PositionEncodingKind::new("latin-1")];
        assert_eq!(negotiate(Some(&unknown)), Encoding::Utf16);
        assert_eq!(negotiate(None), Encoding::Utf16);
        assert_eq!(encoding_kind(Encoding::Utf8), PositionEncodingKind::UTF8);
    }
}
