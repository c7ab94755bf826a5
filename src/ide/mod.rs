//! The features of newsls as pure functions over analysed documents: byte offsets in, plain
//! domain values out, no protocol types and no I/O. The server (`lsp`) converts their results
//! to LSP, the CLI (`cli`) prints them; see ARCHITECTURE.md.

pub mod findings;
pub mod folding;
pub mod hints;
pub mod lens;
pub mod overview;
pub mod quotes_view;

pub use findings::{BoilerplateRun, Finding, FindingInput, INVALID_UTF8, findings};
