//! Text storage and the one place where byte offsets become line/column positions and back.

pub mod document;
pub mod position;

pub use document::{Change, Document, EditError};
pub use position::{
    Encoding, LineCol, LineColRange, LineIndex, byte_range, line_col_range, to_line_col, to_offset,
};

/// "1 file", "2 files": counts in messages, for the CLI and the server alike.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
