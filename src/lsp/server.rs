//! The `LanguageServer` implementation: thin glue between the protocol and the analysis.

use super::lock::{StateGuard, StateLock};
use super::state::{ClientCaps, OpenDoc};
use super::{
    capabilities, citations, code_actions, commands, contracts, corrections, entities, folding,
    hints, indexing, lens, overview, rename, settings_diagnostics, symbols,
};
use crate::config::{CONFIG_FILE, Config};
use crate::text::{Change, Document};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::{Notify, watch};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How long a cross-file request waits for the first workspace scan.
const INDEX_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a request waits for the analysis of the document's latest version.
pub(super) const SNAPSHOT_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The server: a client handle and the shared state. Cloned into background tasks.
#[derive(Clone)]
pub struct Backend {
    pub(super) client: Client,
    state: Arc<StateLock>,
    /// Set by `shutdown`, read by `main` to choose the exit code.
    shut_down: Arc<AtomicBool>,
    /// Woken whenever an analysis is stored, for requests waiting on a current snapshot.
    pub(super) analysed: Arc<Notify>,
    /// Held while diagnostics are sent, so they go out in the order they were decided.
    pub(super) publishing: Arc<tokio::sync::Mutex<()>>,
    /// True once the first scan of the workspace folders has finished.
    indexed: Arc<watch::Sender<bool>>,
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            client,
            state: Arc::default(),
            shut_down,
            analysed: Arc::default(),
            publishing: Arc::default(),
            indexed: Arc::new(watch::channel(false).0),
        }
    }

    /// Locks the state (see [`StateLock`]: short, synchronous work only).
    #[track_caller]
    pub(super) fn lock(&self) -> StateGuard<'_> {
        self.state.lock()
    }

    /// Marks the first workspace scan as finished.
    pub(super) fn set_indexed(&self) {
        self.indexed.send_replace(true);
    }

    /// Waits (at most [`INDEX_WAIT`]) for the first workspace scan, then (at most
    /// [`SNAPSHOT_WAIT`]) for the analyses of the open documents' latest edits, so cross-file
    /// answers are complete; answers from a partial index after that rather than none.
    pub(super) async fn wait_for_index(&self) {
        let mut ready = self.indexed.subscribe();
        let _ = tokio::time::timeout(INDEX_WAIT, ready.wait_for(|done| *done)).await;
        let deadline = tokio::time::Instant::now() + SNAPSHOT_WAIT;
        self.wait_until(deadline, |state| {
            state
                .docs
                .values()
                .all(|open| open.current_snapshot().is_some())
        })
        .await;
    }

    /// Pulls the `newsls` section from the client and rebuilds the settings.
    async fn refresh_config(&self) {
        if self.lock().caps.configuration {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("newsls".into()),
            };
            match self.client.configuration(vec![item]).await {
                Ok(mut values) => self.lock().layers.client = values.pop().unwrap_or_default(),
                Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
            }
        }
        self.reload_config().await;
    }

    /// Re-reads `newsls.toml` and the layers; tells the user when the settings are invalid.
    async fn reload_config(&self) {
        let roots = self.lock().roots.clone();
        let mut files = Vec::new();
        for root in roots {
            let path = root.join(CONFIG_FILE);
            match Config::read_settings(&path) {
                Ok(settings) => files.push((root, path, settings)),
                Err(e) => tracing::error!("{e}"),
            }
        }
        let (result, encoding) = {
            let mut state = self.lock();
            for (root, _, settings) in &files {
                state
                    .layers
                    .files
                    .insert(root.clone(), settings.layer.clone());
            }
            (state.reload_config(), state.encoding)
        };
        for (_, path, settings) in &files {
            settings_diagnostics::publish(self, path, settings, encoding).await;
        }
        if let Err(e) = result {
            tracing::error!("{e}");
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!("newsls: {e} (previous settings kept)"),
                )
                .await;
        }
    }

    /// `newsls/documentText`: the server's copy of an open document, so clients and tests
    /// can check that it matches theirs.
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        let state = self.lock();
        let open = state
            .docs
            .get(&params.text_document.uri)
            .ok_or_else(|| Error::invalid_params("document is not open"))?;
        Ok(DocumentText {
            version: open.doc.version(),
            text: open.doc.rope().to_string(),
        })
    }
}

pub use super::contracts::{DocumentText, DocumentTextParams};

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = super::proto::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let client_caps = ClientCaps {
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watched_files_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        };
        {
            let mut state = self.lock();
            state.encoding = encoding;
            state.caps = client_caps;
            state.roots = workspace_roots(&params);
            state.layers.init = params.initialization_options.clone().unwrap_or_default();
        }
        self.reload_config().await;
        tracing::info!("initialized with position encoding {encoding:?}");
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(encoding, client_caps.pull_diagnostics),
            server_info: Some(ServerInfo {
                name: "newsls".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.refresh_config().await;
        let caps = self.lock().caps;
        if caps.watched_files_dynamic {
            let include = self.lock().watched_globs();
            if let Err(e) = self
                .client
                .register_capability(vec![capabilities::watcher(&include)])
                .await
            {
                tracing::warn!("could not register file watchers: {e}");
            }
        }
        let this = self.clone();
        tokio::spawn(async move {
            indexing::index_workspace(&this).await;
            this.set_indexed();
            this.refresh_workspace_diagnostics();
        });
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_actions::code_actions(self, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            contracts::KEEP_BLOCK => code_actions::keep_block(self, &params.arguments).await,
            contracts::CORRECT_ENTITY => corrections::correct_entity(self, &params.arguments).await,
            contracts::CITE_ALL => commands::cite_all(self, &params.arguments).await,
            contracts::SHOW_ENTITIES => commands::show_entities(self, &params.arguments).await,
            contracts::CITE_QUOTE => commands::cite_quote(self, &params.arguments).await,
            other => Err(Error::invalid_params(format!("unknown command {other}"))),
        }
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snapshot) = self.current_snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let config = self.lock().config_of(&params.text_document.uri).clone();
        let entry = &snapshot.entry;
        let folds = crate::ide::folding::folds(&entry.text, &entry.analysis.layout, &config);
        Ok(Some(
            folds.into_iter().map(folding::folding_range).collect(),
        ))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        lens::code_lenses(self, params).await
    }

    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        lens::resolve(self, lens).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        overview::document_diagnostic(self, params).await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        overview::workspace_diagnostic(self, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        hints::inlay_hints(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = &params.text_document_position_params;
        if let Some(snapshot) = self.current_snapshot(&at.text_document.uri).await {
            let encoding = self.lock().encoding;
            if let Some(hover) = citations::hover(&snapshot, at.position, encoding) {
                return Ok(Some(hover));
            }
        }
        entities::hover(self, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let items = citations::completion(self, params).await;
        Ok(items.map(CompletionResponse::Array))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        entities::definition(self, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        entities::references(self, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        entities::highlight(self, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        rename::prepare_rename(self, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        rename::rename(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        symbols::document_symbols(self, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        symbols::workspace_symbols(self, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        symbols::semantic_tokens(self, params).await
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        let longest = self.state.longest();
        if let Some(at) = longest.at {
            tracing::info!("longest hold of the state lock: {:?} at {at}", longest.held);
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.lock().open(
            doc.uri.clone(),
            OpenDoc::new(Document::new(&doc.text, doc.version)),
        );
        self.schedule(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any await: edits reach the rope strictly in arrival order.
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let changes: Vec<Change> = params
            .content_changes
            .into_iter()
            .map(|c| Change {
                range: c.range.map(super::proto::line_col_range),
                text: c.text,
            })
            .collect();
        let outcome = {
            let mut state = self.lock();
            let encoding = state.encoding;
            match state.docs.get_mut(&uri) {
                None => Err(format!("didChange for {} which is not open", uri.as_str())),
                Some(open) => {
                    if version <= open.doc.version() {
                        tracing::warn!(
                            "{}: version {version} after {}; applying in arrival order",
                            uri.as_str(),
                            open.doc.version()
                        );
                    }
                    open.doc
                        .apply(&changes, version, encoding)
                        .map(|edit| {
                            open.revision += 1;
                            open.edits.record(open.revision, edit);
                        })
                        .map_err(|e| format!("{}: edit refused: {e}", uri.as_str()))
                }
            }
        };
        match outcome {
            Ok(()) => self.schedule(uri),
            Err(message) => {
                tracing::error!("{message}");
                self.client.log_message(MessageType::ERROR, message).await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let is_config = params
            .text_document
            .uri
            .to_file_path()
            .is_some_and(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE));
        if is_config {
            self.reload_config().await;
            self.republish_all().await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.lock().close(&uri);
        // After any publish in flight, so the document's diagnostics end up cleared.
        let order = self.publishing.lock().await;
        if !self.lock().caps.pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
        drop(order);
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned()) {
            indexing::refresh_file(self, path).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if !self.lock().caps.configuration {
            let section = params
                .settings
                .get("newsls")
                .cloned()
                .unwrap_or(Value::Null);
            self.lock().layers.client = section;
        }
        self.refresh_config().await;
        self.republish_all().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut config_changed = false;
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == CONFIG_FILE) {
                config_changed = true;
            } else if change.typ == FileChangeType::DELETED {
                indexing::forget_file(self, &path);
            } else {
                indexing::refresh_file(self, path).await;
            }
        }
        if config_changed {
            self.reload_config().await;
            self.republish_all().await;
        }
    }
}

/// The workspace folders as paths; the deprecated `rootUri` when the client sends no folders.
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<&Uri> = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| &f.uri)
        .collect();
    #[allow(deprecated)]
    let uris = if folders.is_empty() {
        params.root_uri.iter().collect()
    } else {
        folders
    };
    uris.into_iter()
        .filter_map(|uri| uri.to_file_path().map(|p| p.into_owned()))
        .collect()
}
