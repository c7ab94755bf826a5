//! The language server: protocol glue over the analysis, the document model and the index.

mod capabilities;
mod citations;
mod code_actions;
mod commands;
pub mod contracts;
mod corrections;
pub mod diagnostics;
mod edge;
mod entities;
mod folding;
mod framing;
mod hints;
mod indexing;
mod lens;
mod lock;
mod overview;
mod panic_guard;
mod parent;
mod pipeline;
mod proto;
mod rename;
mod screen;
mod server;
mod settings_diagnostics;
mod settings_file;
mod state;
mod symbols;
mod views;

pub use server::Backend;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tower_lsp_server::{LspService, Server};

/// How long the server may finish its work once the input has ended: handlers waiting on the
/// client (which is gone) would otherwise keep the process alive for ever.
const LINGER: Duration = Duration::from_millis(300);

/// Runs the server on stdin/stdout until the client says `exit`, closes the stream or its
/// process ends. Returns whether the client asked for `shutdown` first (LSP: exit code 0,
/// else 1).
pub async fn serve_stdio() -> bool {
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = shut_down.clone();
    let (service, socket) = LspService::build(move |client| Backend::new(client, flag.clone()))
        .custom_method(contracts::DOCUMENT_TEXT, Backend::document_text)
        .custom_method(contracts::WORKSPACE_ENTITIES, Backend::workspace_entities)
        .custom_method(contracts::ENTITY_MENTIONS, Backend::entity_mentions)
        .custom_method(contracts::WORKSPACE_QUOTES, Backend::workspace_quotes)
        .finish();
    let (reader, writer) = tokio::io::duplex(1 << 16);
    let input = tokio::spawn(framing::guard(tokio::io::stdin(), writer));
    let (parent_tx, parent_rx) = tokio::sync::oneshot::channel();
    let service = edge::Edge::new(panic_guard::PanicGuard(service), parent_tx);
    let server = Server::new(reader, tokio::io::stdout(), socket).serve(service);
    tokio::select! {
        () = server => {}
        _ = async {
            let _ = input.await;
            tokio::time::sleep(LINGER).await;
        } => tracing::info!("input ended: exiting without waiting for pending work"),
        () = parent::gone(parent_rx) => {}
    }
    shut_down.load(Ordering::SeqCst)
}
