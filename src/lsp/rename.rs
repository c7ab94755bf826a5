//! Renaming an entity changes the name newsls shows for it, never the article's words.
//!
//! An archive's articles are evidence: their text stays as published. A rename edits only
//! the `speaker` of the `<cite>` tags naming the entity (the annotator's markup, not the
//! article) and appends a `display` override to `newsls.toml`, which every feature then
//! shows (see [`crate::workspace::corrections`]).

use super::entities::Cursor;
use super::server::Backend;
use super::settings_file;
use super::state::Snapshot;
use crate::ide::rename::{REFUSAL, Rename};
use crate::text::Encoding;
use crate::workspace::FileEntry;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

/// The answer to a rename on plain text: an error whose message the editor shows.
fn refusal() -> Error {
    Error {
        code: ErrorCode::ServerError(-32803), // LSP RequestFailed
        message: REFUSAL.into(),
        data: None,
    }
}

pub async fn prepare_rename(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let at = params.position;
    let cursor = Cursor::new(backend, &params.text_document.uri, at).await;
    let cursor = cursor.ok_or_else(refusal)?;
    let focus = cursor.focus().ok_or_else(refusal)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: cursor.range(focus.mention.clone()),
        placeholder: focus.entity().name.clone(),
    }))
}

/// Gives the entity under the cursor a new display name: the cites naming it in every file
/// get it as their speaker, and `newsls.toml` remembers it for the entity's id.
pub async fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    backend.wait_for_index().await;
    let at = params.text_document_position;
    let cursor = Cursor::new(backend, &at.text_document.uri, at.position).await;
    let cursor = cursor.ok_or_else(refusal)?;
    let focus = cursor.focus().ok_or_else(refusal)?;
    let rename = Rename::new(&focus, &params.new_name).map_err(Error::invalid_params)?;
    let settings = settings_file::settings_path(backend, &cursor.uri)?;
    let files = tagged_files(backend).await;
    let encoding = cursor.encoding;
    let target = rename.clone();
    let mut operations: Vec<DocumentChangeOperation> = tokio::task::spawn_blocking(move || {
        files
            .into_iter()
            .filter_map(|(uri, version, file)| {
                let edits = text_edits(&target, file.entry(), encoding);
                (!edits.is_empty()).then(|| {
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                        edits: edits.into_iter().map(OneOf::Left).collect(),
                    })
                })
            })
            .collect()
    })
    .await
    .map_err(|e| Error::invalid_params(format!("rename failed: {e}")))?;
    let snippet = format!(
        "[[entities.override]]\nname = {}\ndisplay = {}\n",
        settings_file::quoted(&rename.id),
        settings_file::quoted(&rename.new_name)
    );
    operations.extend(settings_file::append_operations(
        &settings, &snippet, encoding,
    )?);
    Ok(Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..Default::default()
    }))
}

/// The rename's speaker edits of one file, in the protocol's terms.
fn text_edits(rename: &Rename, entry: &FileEntry, encoding: Encoding) -> Vec<TextEdit> {
    rename
        .speaker_edits(entry)
        .into_iter()
        .map(|(bytes, text)| TextEdit::new(entry.range(bytes, encoding).into(), text))
        .collect()
}

/// Every file holding citation tags: the open documents as the editor has them (with their
/// versions), then the other files of the index. The index is read from a snapshot, after
/// the lock.
async fn tagged_files(backend: &Backend) -> Vec<(Uri, Option<i32>, Tagged)> {
    let (open, index) = {
        let state = backend.lock();
        let open: Vec<Uri> = state.docs.keys().cloned().collect();
        (open, state.index.snapshot())
    };
    let open_paths: HashSet<PathBuf> = open
        .iter()
        .filter_map(|u| u.to_file_path())
        .map(|p| p.into_owned())
        .collect();
    let mut files = Vec::new();
    for uri in open {
        if let Some(snapshot) = backend.current_snapshot(&uri).await
            && snapshot.too_large.is_none()
        {
            files.push((uri, Some(snapshot.version), Tagged::Open(snapshot)));
        }
    }
    for (path, entry) in index.files() {
        if !open_paths.contains(path)
            && entry.text.contains("<cite")
            && let Some(uri) = Uri::from_file_path(path)
        {
            files.push((uri, None, Tagged::Indexed(Arc::clone(entry))));
        }
    }
    files
}

/// A file a rename may edit: an open document's analysed version, or an indexed file.
enum Tagged {
    Open(Arc<Snapshot>),
    Indexed(Arc<FileEntry>),
}

impl Tagged {
    fn entry(&self) -> &FileEntry {
        match self {
            Tagged::Open(snapshot) => &snapshot.entry,
            Tagged::Indexed(entry) => entry,
        }
    }
}
