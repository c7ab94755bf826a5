//! newsls: a language server and command-line tool for annotating scraped news articles.
//!
//! The [`analysis`] module is pure (text in, plain data with byte ranges out) and is shared by
//! the LSP server ([`lsp`]) and the CLI.

pub mod analysis;
pub mod batch;
pub mod cite;
pub mod cli;
pub mod config;
pub mod dataset;
pub mod export;
pub mod ide;
pub mod lsp;
pub mod text;
pub mod workspace;

pub use analysis::{Analysis, analyze, strip};
