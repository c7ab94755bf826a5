//! Stdio stress tests, one binary: a 10 MB line, a 50 MB file, 200 edits under load. They
//! are `#[ignore]`d (they need a release build); CI runs them with
//! `NEWSLS_BIN=target/release/newsls cargo test --test lsp_stress -- --ignored`.

#[path = "../common/mod.rs"]
mod common;

mod big_files;
mod load;

/// Held by each stress test for its whole run: the tests time the server, so they run one
/// after another even though they share a binary (cargo runs a binary's tests in parallel).
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
