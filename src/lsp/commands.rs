//! Commands editors bind to menus: cite all quotes of a file, cite one quote, list a file's
//! entities. Their names and JSON are in [`super::contracts`].

use super::code_actions::EditContext;
use super::contracts::{CiteAllResult, CiteQuoteArgs, FileEntity, Mention, first_argument};
use super::proto::{byte_range, lsp_range};
use super::server::Backend;
use crate::cite::{Insertion, is_cited, wrap};
use crate::ide::citations::cite_all_edits;
use crate::ide::quotes_view::quote_at;
use crate::text::Encoding;
use crate::workspace::{FileEntry, entity_id};
use ropey::Rope;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The first argument of a command as `T`, else an invalid-params error saying why.
pub fn argument<T: DeserializeOwned>(arguments: &[Value]) -> Result<T> {
    first_argument(arguments).map_err(|e| Error::invalid_params(e.to_string()))
}

/// A command's result as JSON.
fn reply(result: impl serde::Serialize) -> Result<Option<Value>> {
    serde_json::to_value(result)
        .map(Some)
        .map_err(|e| Error::invalid_params(format!("result: {e}")))
}

pub async fn cite_all(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let uri: Uri = argument(arguments)?;
    let snapshot = backend
        .current_snapshot(&uri)
        .await
        .ok_or_else(|| Error::invalid_params("document is not open"))?;
    let Some(edits) = cite_all_edits(&snapshot.entry.analysis) else {
        return reply(CiteAllResult { cited: 0 });
    };
    let cited = edits.len() / 2;
    let (encoding, document_changes) = {
        let state = backend.lock();
        (state.encoding, state.caps.document_changes)
    };
    let ctx = EditContext {
        uri: &uri,
        snapshot: &snapshot,
        encoding,
        document_changes,
    };
    let response = backend
        .client
        .apply_edit(ctx.edit(edits))
        .await
        .map_err(|e| Error::invalid_params(format!("the editor did not apply the edit: {e}")))?;
    reply(CiteAllResult {
        cited: if response.applied { cited } else { 0 },
    })
}

/// Runs [`super::contracts::CITE_QUOTE`]: cites one quote for its speaker, in the open
/// document (a versioned edit) or in the file on disk (an edit of its current text).
pub async fn cite_quote(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let CiteQuoteArgs { uri, range } = argument(arguments)?;
    let (encoding, document_changes) = {
        let state = backend.lock();
        (state.encoding, state.caps.document_changes)
    };
    let edit = match backend.current_snapshot(&uri).await {
        Some(snapshot) => {
            let at = byte_range(&snapshot.rope, range, encoding)
                .ok_or_else(|| Error::invalid_params("range is outside the document"))?;
            let Some(cite) = quote_cite(&snapshot.entry, at) else {
                return reply(CiteAllResult { cited: 0 });
            };
            let ctx = EditContext {
                uri: &uri,
                snapshot: &snapshot,
                encoding,
                document_changes,
            };
            ctx.edit(cite.to_vec())
        }
        None => {
            let entry = read_workspace_file(backend, &uri)?;
            let rope = Rope::from_str(&entry.text);
            let at = byte_range(&rope, range, encoding)
                .ok_or_else(|| Error::invalid_params("range is outside the file"))?;
            let Some(cite) = quote_cite(&entry, at) else {
                return reply(CiteAllResult { cited: 0 });
            };
            disk_edit(&uri, &rope, &cite, encoding, document_changes)
        }
    };
    let response =
        backend.client.apply_edit(edit).await.map_err(|e| {
            Error::invalid_params(format!("the editor did not apply the edit: {e}"))
        })?;
    reply(CiteAllResult {
        cited: usize::from(response.applied),
    })
}

/// The cite of the uncited quote holding `at`, for its speaker; `None` when there is none.
fn quote_cite(entry: &FileEntry, at: std::ops::Range<usize>) -> Option<[Insertion; 2]> {
    let analysis = &entry.analysis;
    let quote = quote_at(analysis, at).filter(|q| !is_cited(&analysis.layout.citations, q))?;
    Some(wrap(analysis, quote, &quote.speaker.as_ref()?.name))
}

/// A news file of the workspace that is not open, read and analysed from disk.
fn read_workspace_file(backend: &Backend, uri: &Uri) -> Result<FileEntry> {
    let path = uri
        .to_file_path()
        .ok_or_else(|| Error::invalid_params("not a file URI"))?;
    let max_size = {
        let state = backend.lock();
        if !state.is_news_file(&path) {
            return Err(Error::invalid_params("not a news file of the workspace"));
        }
        state.config_for(&path).max_file_size
    };
    FileEntry::read(&path, max_size).map_err(|e| Error::invalid_params(e.to_string()))
}

/// An edit of a file that is not open: unversioned, as the text on disk has no version.
fn disk_edit(
    uri: &Uri,
    rope: &Rope,
    insertions: &[Insertion],
    encoding: Encoding,
    document_changes: bool,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = insertions
        .iter()
        .map(|(r, text)| TextEdit::new(lsp_range(rope, r.clone(), encoding), text.clone()))
        .collect();
    if !document_changes {
        return WorkspaceEdit {
            changes: Some(std::collections::HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        };
    }
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: None,
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        ..Default::default()
    }
}

pub async fn show_entities(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let uri: Uri = argument(arguments)?;
    let snapshot = backend
        .current_snapshot(&uri)
        .await
        .ok_or_else(|| Error::invalid_params("document is not open"))?;
    let encoding = backend.lock().encoding;
    let entry = &snapshot.entry;
    let entities: Vec<FileEntity> = entry
        .analysis
        .entities
        .iter()
        .map(|e| FileEntity {
            id: entity_id(e.kind, &e.name),
            name: e.name.clone(),
            kind: e.kind.as_str().to_string(),
            mentions: e
                .mentions
                .iter()
                .map(|m| Mention {
                    text: entry.text.get(m.clone()).unwrap_or_default().to_string(),
                    range: entry.range(m.clone(), encoding).into(),
                })
                .collect(),
        })
        .collect();
    reply(entities)
}
