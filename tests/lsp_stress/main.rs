//! Stdio stress tests, one binary: a 10 MB line, a 50 MB file, 200 edits under load. They
//! are `#[ignore]`d (they need a release build); CI runs them with
//! `NEWSLS_BIN=target/release/newsls cargo test --test lsp_stress -- --ignored`.

#[path = "../common/mod.rs"]
mod common;

mod big_files;
mod load;
