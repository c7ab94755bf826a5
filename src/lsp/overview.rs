//! Pull diagnostics (LSP 3.17): an open document's findings on request, and the workspace
//! overview, the findings that need a decision in every indexed file that is not open
//! ([`crate::ide::overview`]), each file with a result id so an unchanged one is reported
//! as such. Clients that cannot pull keep the pushed diagnostics of `pipeline`.

use super::diagnostics::{SOURCE, severity};
use super::server::Backend;
use crate::config::Severity;
use crate::ide::FindingInput;
use crate::ide::overview::overview_findings;
use crate::text::Encoding;
use crate::workspace::FileEntry;
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The `diagnosticProvider` advertised to clients that pull.
pub fn diagnostic_options() -> DiagnosticServerCapabilities {
    DiagnosticServerCapabilities::Options(DiagnosticOptions {
        identifier: Some(SOURCE.into()),
        inter_file_dependencies: true,
        workspace_diagnostics: true,
        work_done_progress_options: WorkDoneProgressOptions::default(),
    })
}

/// `textDocument/diagnostic`: the open document's findings, as the push model sends them.
pub async fn document_diagnostic(
    backend: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = &params.text_document.uri;
    let items = match backend.current_snapshot(uri).await {
        Some(snapshot) => backend.document_diagnostics(uri, &snapshot),
        None => Vec::new(),
    };
    let result_id = result_id(&items);
    let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items,
            },
        })
    };
    Ok(DocumentDiagnosticReportResult::Report(report))
}

/// One file of the overview, taken under the lock.
struct OverviewFile {
    path: PathBuf,
    entry: Arc<FileEntry>,
    severity: Severity,
}

/// `workspace/diagnostic`: the overview findings of every indexed file that is not open.
pub async fn workspace_diagnostic(
    backend: &Backend,
    params: WorkspaceDiagnosticParams,
) -> Result<WorkspaceDiagnosticReportResult> {
    backend.wait_for_index().await;
    // Under the lock: O(1) copies and the few open paths and folder settings; the walk
    // over every file comes after it.
    let (index, open, severity, encoding) = {
        let state = backend.lock();
        let open: HashSet<PathBuf> = state.open_paths().cloned().collect();
        (
            state.index.snapshot(),
            open,
            state.overview_severity(),
            state.encoding,
        )
    };
    let files: Vec<OverviewFile> = index
        .files()
        .into_iter()
        .filter(|(path, _)| !open.contains(*path))
        .map(|(path, entry)| OverviewFile {
            severity: severity.of(path),
            path: path.to_path_buf(),
            entry: Arc::clone(entry),
        })
        .collect();
    let entities = index.entities();
    let known: HashSet<String> = files
        .iter()
        .flat_map(|f| &f.entry.analysis.layout.citations.cites)
        .filter_map(|cite| cite.attribute("speaker"))
        .filter(|a| entities.names_entity(&a.value))
        .map(|a| a.value.clone())
        .collect();
    let previous: HashMap<Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    // Off the async runtime: ten thousand files take a while.
    let items = tokio::task::spawn_blocking(move || {
        files
            .par_iter()
            .filter_map(|file| {
                let uri = Uri::from_file_path(&file.path)?;
                let diagnostics = file_overview(file, &known, encoding);
                let result_id = result_id(&diagnostics);
                let unchanged = previous.get(&uri) == Some(&result_id);
                Some(report(uri, diagnostics, result_id, unchanged))
            })
            .collect()
    })
    .await
    .map_err(|e| {
        tracing::error!("workspace overview failed: {e}");
        tower_lsp_server::jsonrpc::Error::internal_error()
    })?;
    Ok(WorkspaceDiagnosticReportResult::Report(
        WorkspaceDiagnosticReport { items },
    ))
}

/// One file's report: full, or unchanged when the client holds its result id.
fn report(
    uri: Uri,
    items: Vec<Diagnostic>,
    result_id: String,
    unchanged: bool,
) -> WorkspaceDocumentDiagnosticReport {
    if unchanged {
        return WorkspaceDocumentDiagnosticReport::Unchanged(
            WorkspaceUnchangedDocumentDiagnosticReport {
                uri,
                version: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            },
        );
    }
    WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
        uri,
        version: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(result_id),
            items,
        },
    })
}

/// The overview findings of one closed file as diagnostics.
fn file_overview(
    file: &OverviewFile,
    known: &HashSet<String>,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    let known_speaker = |name: &str| known.contains(name);
    let input = FindingInput::new(&file.entry, &known_speaker);
    overview_findings(&input, file.severity)
        .into_iter()
        .map(|f| Diagnostic {
            range: file.entry.range(f.range, encoding).into(),
            severity: Some(severity(f.severity)),
            code: Some(NumberOrString::String(f.code.into())),
            source: Some(SOURCE.into()),
            message: f.message,
            ..Default::default()
        })
        .collect()
}

/// A result id naming these diagnostics: what the client shows of them (range, severity,
/// code, message, related places) hashed, so equal ids mean equal reports.
fn result_id(diagnostics: &[Diagnostic]) -> String {
    let mut hasher = DefaultHasher::new();
    for d in diagnostics {
        position(&d.range.start, &mut hasher);
        position(&d.range.end, &mut hasher);
        d.severity.map(|s| format!("{s:?}")).hash(&mut hasher);
        if let Some(NumberOrString::String(code)) = &d.code {
            code.hash(&mut hasher);
        }
        d.message.hash(&mut hasher);
        for related in d.related_information.iter().flatten() {
            related.location.uri.as_str().hash(&mut hasher);
            position(&related.location.range.start, &mut hasher);
            position(&related.location.range.end, &mut hasher);
        }
        d.tags.is_some().hash(&mut hasher);
    }
    diagnostics.len().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

fn position(p: &Position, hasher: &mut DefaultHasher) {
    (p.line, p.character).hash(hasher);
}

impl Backend {
    /// Asks a client that pulls diagnostics to pull them again (the index or the settings
    /// changed); in the background, as the client answers in its own time.
    pub(super) fn refresh_workspace_diagnostics(&self) {
        if !self.lock().caps.diagnostic_refresh {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                tracing::warn!("workspace/diagnostic/refresh failed: {e}");
            }
        });
    }
}
