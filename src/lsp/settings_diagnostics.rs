//! Diagnostics on `newsls.toml` itself: keys no setting reads, so a typo shows where it is
//! instead of being ignored. Warnings only: the other settings still apply.

use super::server::Backend;
use crate::config::SettingsFile;
use crate::text::{Encoding, LineIndex};
use std::path::Path;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

/// Publishes the warnings of the settings file at `path` (none clears earlier ones).
pub(super) async fn publish(
    backend: &Backend,
    path: &Path,
    settings: &SettingsFile,
    encoding: Encoding,
) {
    let Some(uri) = Uri::from_file_path(path) else {
        return;
    };
    let diagnostics = unknown_key_diagnostics(settings, encoding);
    let order = backend.publishing.lock().await;
    backend
        .client
        .publish_diagnostics(uri, diagnostics, None)
        .await;
    drop(order);
}

fn unknown_key_diagnostics(settings: &SettingsFile, encoding: Encoding) -> Vec<Diagnostic> {
    let lines = LineIndex::new(&settings.text);
    settings
        .unknown
        .iter()
        .map(|key| Diagnostic {
            range: lines
                .range(&settings.text, key.span.clone(), encoding)
                .into(),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("unknown-setting".into())),
            source: Some(super::diagnostics::SOURCE.into()),
            message: key.message(),
            ..Diagnostic::default()
        })
        .collect()
}
