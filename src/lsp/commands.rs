//! Commands editors bind to menus: cite all quotes of a file, list a file's entities.

use super::citations::cite_all_edits;
use super::code_actions::EditContext;
use super::server::Backend;
use crate::workspace::entity_id;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// Arguments `[uri]`: applies "Cite all quotes in this file" through `workspace/applyEdit`.
pub const CITE_ALL: &str = "newsls.citeAll";
/// Arguments `[uri]`: returns the file's entities `[{"id", "name", "kind", "mentions": [Range]}]`.
pub const SHOW_ENTITIES: &str = "newsls.showEntities";

fn uri_argument(arguments: &[Value]) -> Result<Uri> {
    let value = arguments
        .first()
        .ok_or_else(|| Error::invalid_params("missing argument: the document uri"))?;
    serde_json::from_value(value.clone()).map_err(|e| Error::invalid_params(format!("uri: {e}")))
}

pub async fn cite_all(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let uri = uri_argument(arguments)?;
    let snapshot = backend
        .current_snapshot(&uri)
        .await
        .ok_or_else(|| Error::invalid_params("document is not open"))?;
    let Some(edits) = cite_all_edits(&snapshot.entry.analysis) else {
        return Ok(Some(json!({"cited": 0})));
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
    Ok(Some(
        json!({"cited": if response.applied { cited } else { 0 }}),
    ))
}

pub async fn show_entities(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let uri = uri_argument(arguments)?;
    let snapshot = backend
        .current_snapshot(&uri)
        .await
        .ok_or_else(|| Error::invalid_params("document is not open"))?;
    let encoding = backend.lock().encoding;
    let entry = &snapshot.entry;
    let entities: Vec<Value> = entry
        .analysis
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<Range> = e.mentions.iter().map(|m| entry.range(m.clone(), encoding).into()).collect();
            json!({"id": entity_id(e.kind, &e.name), "name": e.name, "kind": e.kind.as_str(), "mentions": mentions})
        })
        .collect();
    Ok(Some(Value::Array(entities)))
}
