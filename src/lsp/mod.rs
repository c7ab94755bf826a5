//! The language server: protocol glue over the analysis, the document model and the index.

mod capabilities;
pub mod diagnostics;
mod indexing;
mod server;
mod state;

pub use server::Backend;
use tower_lsp_server::{LspService, Server};

/// Runs the server on stdin/stdout until the client says `exit` or closes the stream.
pub async fn serve_stdio() {
    let (service, socket) = LspService::build(Backend::new)
        .custom_method("newsls/documentText", Backend::document_text)
        .finish();
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}
