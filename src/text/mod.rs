//! Text storage and the one place where byte offsets become LSP positions and back.

pub mod document;
pub mod position;

pub use document::{Change, Document, EditError};
pub use position::{Encoding, LineIndex, byte_range, lsp_range, to_offset, to_position};
