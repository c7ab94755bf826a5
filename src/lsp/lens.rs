//! Code lenses ([`crate::ide::lens`]) in the protocol's terms. The entity lenses come
//! without their command: resolving one lists every mention of the entity in the workspace,
//! which for a common name is thousands of locations, so only the lenses the editor shows
//! pay for it.

use super::contracts::{CITE_ALL, CLIENT_SHOW_QUOTES, CLIENT_SHOW_REFERENCES};
use super::proto::lsp_range;
use super::server::Backend;
use crate::ide::lens::{EntityLens, entity_lenses, summary};
use crate::workspace::entity_id;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// What an entity lens carries until it is resolved.
#[derive(Debug, Serialize, Deserialize)]
struct EntityLensData {
    uri: Uri,
    id: String,
    mentions: usize,
    files: usize,
}

pub async fn code_lenses(
    backend: &Backend,
    params: CodeLensParams,
) -> Result<Option<Vec<CodeLens>>> {
    let uri = params.text_document.uri;
    let Some(snapshot) = backend.current_snapshot(&uri).await else {
        return Ok(None);
    };
    let entry = &snapshot.entry;
    let (config, encoding, counts) = {
        let state = backend.lock();
        let entities = state.index.entities();
        let counts: HashMap<String, (usize, usize)> = entry
            .analysis
            .entities
            .iter()
            .filter_map(|e| {
                let record = entities.get(&entity_id(e.kind, &e.name))?;
                let counts = (record.files.mention_count(), record.files.len());
                Some((record.id.to_string(), counts))
            })
            .collect();
        (state.config_of(&uri).clone(), state.encoding, counts)
    };
    let rope = &snapshot.rope;
    let top = Range::default();
    let sums = summary(entry, &config);
    let mut lenses = vec![CodeLens {
        range: top,
        command: Some(command(sums.title(), CLIENT_SHOW_QUOTES, vec![json!(uri)])),
        data: None,
    }];
    if let Some(title) = sums.cite_title() {
        lenses.push(CodeLens {
            range: top,
            command: Some(command(title, CITE_ALL, vec![json!(uri)])),
            data: None,
        });
    }
    let counts = |id: &str| counts.get(id).copied();
    lenses.extend(entity_lenses(entry, &counts).into_iter().map(|lens| {
        let range = lsp_range(rope, lens.range.clone(), encoding);
        unresolved(&uri, range, lens)
    }));
    Ok(Some(lenses))
}

fn unresolved(uri: &Uri, range: Range, lens: EntityLens) -> CodeLens {
    let data = EntityLensData {
        uri: uri.clone(),
        id: lens.id,
        mentions: lens.mentions,
        files: lens.files,
    };
    CodeLens {
        range,
        command: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// Resolves an entity lens: its title and the command listing every mention.
pub async fn resolve(backend: &Backend, mut lens: CodeLens) -> Result<CodeLens> {
    let Some(data) = lens.data.take() else {
        return Ok(lens);
    };
    let data: EntityLensData = serde_json::from_value(data)
        .map_err(|e| Error::invalid_params(format!("lens data: {e}")))?;
    let locations: Vec<Value> = backend
        .mentions_of(&data.id)
        .into_iter()
        .map(|m| json!(Location::new(m.uri, m.range)))
        .collect();
    let title = EntityLens {
        range: 0..0,
        id: data.id,
        mentions: data.mentions,
        files: data.files,
    }
    .title();
    let arguments = vec![
        json!(data.uri),
        json!(lens.range.start),
        Value::Array(locations),
    ];
    lens.command = Some(command(title, CLIENT_SHOW_REFERENCES, arguments));
    Ok(lens)
}

fn command(title: String, name: &str, arguments: Vec<Value>) -> Command {
    Command {
        title,
        command: name.into(),
        arguments: Some(arguments),
    }
}
