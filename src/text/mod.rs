//! Text storage and the one place where byte offsets become LSP positions and back.

pub mod document;
pub mod position;

pub use document::{Change, Document, EditError};
pub use position::{Encoding, LineIndex, byte_range, lsp_range, to_offset, to_position};

/// "1 file", "2 files": counts in messages, for the CLI and the server alike.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
