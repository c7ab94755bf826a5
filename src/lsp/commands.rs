//! Commands editors bind to menus: cite all quotes of a file, list a file's entities. Their
//! names and JSON are in [`super::contracts`].

use super::code_actions::EditContext;
use super::contracts::{CiteAllResult, FileEntity, Mention, first_argument};
use super::server::Backend;
use crate::ide::citations::cite_all_edits;
use crate::workspace::entity_id;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The first argument of a command as `T`, else an invalid-params error saying why.
pub fn argument<T: DeserializeOwned>(arguments: &[Value]) -> Result<T> {
    first_argument(arguments).map_err(Error::invalid_params)
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
