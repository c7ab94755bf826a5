//! The language server: protocol glue over the analysis, the document model and the index.

mod capabilities;
mod citations;
mod code_actions;
mod commands;
mod corrections;
pub mod diagnostics;
mod entities;
mod folding;
mod framing;
mod indexing;
mod panic_guard;
mod pipeline;
mod rename;
mod server;
mod settings_file;
mod state;
mod symbols;

pub use server::Backend;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_lsp_server::{LspService, Server};

/// Runs the server on stdin/stdout until the client says `exit` or closes the stream.
/// Returns whether the client asked for `shutdown` first (LSP: exit code 0, else 1).
pub async fn serve_stdio() -> bool {
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::build(move |client| Backend::new(client, flag.clone()))
        .custom_method("newsls/documentText", Backend::document_text)
        .custom_method(framing::INVALID_MESSAGE, Backend::invalid_message)
        .finish();
    let (reader, writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(framing::guard(tokio::io::stdin(), writer));
    Server::new(reader, tokio::io::stdout(), socket)
        .serve(panic_guard::PanicGuard(service))
        .await;
    shut_down.load(Ordering::SeqCst)
}
