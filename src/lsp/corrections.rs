//! Correcting entities from the editor: code actions on a mention that tell newsls what it
//! is — a person, an organization, a place, something else, no entity at all, the same as
//! another entity of the workspace, or not the one it was linked to. Each writes an
//! `[[entities.override]]` to `newsls.toml` through the editor and applies at once to every
//! file (see [`crate::workspace::corrections`]). None of them touches the article.

use super::code_actions::{EditContext, wanted};
use super::commands::argument;
use super::contracts::{CORRECT_ENTITY, CORRECTION_KIND, CorrectEntityArgs};
use super::proto::byte_range;
use super::server::Backend;
use super::settings_file;
use crate::analysis::{Entity, EntityKind};
use crate::config::{EntityOverride, KindOverride};
use crate::workspace::entity_id;
use serde::Serialize;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// Other entities offered for "same as", at most.
const SAME_AS_CHOICES: usize = 5;

/// The kind of the correction actions: they change what newsls knows, never the text.
pub fn correction_kind() -> CodeActionKind {
    CodeActionKind::new(CORRECTION_KIND)
}

const KINDS: [(EntityKind, KindOverride, &str); 4] = [
    (EntityKind::Person, KindOverride::Person, "a person"),
    (
        EntityKind::Organization,
        KindOverride::Organization,
        "an organization",
    ),
    (EntityKind::Place, KindOverride::Place, "a place"),
    (EntityKind::Other, KindOverride::Other, "other"),
];

/// The corrections offered for the mention under the requested range.
pub fn actions(
    backend: &Backend,
    ctx: &EditContext,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    if !wanted(params, &correction_kind()) {
        return Vec::new();
    }
    let entry = &ctx.snapshot.entry;
    let Some(at) = byte_range(&ctx.snapshot.rope, params.range, ctx.encoding) else {
        return Vec::new();
    };
    let Some((entity, mention)) = entry.analysis.entities.iter().find_map(|e| {
        let m = e
            .mentions
            .iter()
            .find(|m| m.start <= at.start && at.end <= m.end)?;
        Some((e, &entry.text[m.clone()]))
    }) else {
        return Vec::new();
    };
    let name = &entity.name;
    let rule = |r: EntityOverride| EntityOverride {
        name: name.clone(),
        ..r
    };
    let mut out = Vec::new();
    for (kind, correction, article) in KINDS {
        if kind != entity.kind {
            let title = format!("Mark “{name}” as {article}");
            let kind = Some(correction);
            out.push(action(
                ctx,
                title,
                rule(EntityOverride {
                    kind,
                    ..Default::default()
                }),
            ));
        }
    }
    let not_entity = EntityOverride {
        kind: Some(KindOverride::None),
        ..Default::default()
    };
    out.push(action(
        ctx,
        format!("“{name}” is not an entity"),
        rule(not_entity),
    ));
    if mention != name && entity_id(entity.kind, mention) != entity_id(entity.kind, name) {
        let split = EntityOverride {
            name: mention.to_string(),
            different_from: Some(name.clone()),
            ..Default::default()
        };
        out.push(action(
            ctx,
            format!("“{mention}” here is not {name}"),
            split,
        ));
    }
    for (other, kind) in same_as_choices(backend, entity, mention, &entry.analysis.entities) {
        let merge = EntityOverride {
            name: mention.to_string(),
            same_as: Some(other.clone()),
            kind: KINDS.iter().find(|k| k.0 == kind).map(|k| k.1),
            ..Default::default()
        };
        let title = format!("“{mention}” is the same as {other} ({})", kind.as_str());
        out.push(action(ctx, title, merge));
    }
    out
}

fn action(ctx: &EditContext, title: String, rule: EntityOverride) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("{title}: remember it in newsls.toml"),
        kind: Some(correction_kind()),
        command: Some(Command {
            title,
            command: CORRECT_ENTITY.into(),
            arguments: Some(vec![json!(CorrectEntityArgs {
                uri: ctx.uri.clone(),
                rule,
            })]),
        }),
        ..Default::default()
    })
}

/// Other entities the mention may stand for: those of the document, then those of the
/// workspace in the most files, that share a word with it ("Kim" → "Kim Jong Un").
fn same_as_choices(
    backend: &Backend,
    entity: &Entity,
    mention: &str,
    here: &[Entity],
) -> Vec<(String, EntityKind)> {
    let words: Vec<String> = mention
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1)
        .collect();
    let shares_word = |name: &str| {
        name.split_whitespace()
            .any(|w| words.iter().any(|x| *x == w.to_lowercase()))
    };
    let own = entity_id(entity.kind, &entity.name);
    let mut choices: Vec<(String, EntityKind)> = Vec::new();
    let mut add = |name: &str, kind: EntityKind| {
        let fresh = !choices
            .iter()
            .any(|(n, k)| entity_id(*k, n) == entity_id(kind, name));
        if fresh && entity_id(kind, name) != own && shares_word(name) {
            choices.push((name.to_string(), kind));
        }
    };
    for other in here {
        add(&other.name, other.kind);
    }
    let index = backend.lock().index.snapshot();
    let mut records: Vec<_> = index
        .entities()
        .iter()
        .filter(|r| shares_word(r.name()))
        .collect();
    records.sort_by(|a, b| b.files.len().cmp(&a.files.len()).then(a.id.cmp(&b.id)));
    for record in records {
        add(record.name(), record.kind);
    }
    choices.truncate(SAME_AS_CHOICES);
    choices
}

/// Runs [`CORRECT_ENTITY`]: asks the editor to append the override to `newsls.toml`, then
/// applies it at once to the index and the open documents.
pub async fn correct_entity(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let CorrectEntityArgs { uri, rule } = argument(arguments)?;
    if rule.name.trim().is_empty() {
        return Err(Error::invalid_params("override: the name is empty"));
    }
    let path = settings_file::settings_path(backend, &uri)?;
    let encoding = backend.lock().encoding;
    let edit = settings_file::append(&path, &snippet(&rule)?, encoding)?;
    settings_file::apply(backend, edit).await?;
    {
        let mut state = backend.lock();
        state.config_of_mut(&uri).entities.overrides.push(rule);
        state.correct_entities();
    }
    backend.republish_all().await;
    Ok(None)
}

/// The override as a `[[entities.override]]` table.
fn snippet(rule: &EntityOverride) -> Result<String> {
    #[derive(Serialize)]
    struct File<'a> {
        entities: Entities<'a>,
    }
    #[derive(Serialize)]
    struct Entities<'a> {
        #[serde(rename = "override")]
        overrides: [&'a EntityOverride; 1],
    }
    let file = File {
        entities: Entities { overrides: [rule] },
    };
    toml::to_string(&file).map_err(|e| Error::invalid_params(format!("override: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn snippets_read_back_as_the_override() {
        let rule = EntityOverride {
            name: "Mr \"Kim\"".into(),
            same_as: Some("Kim Jong Un".into()),
            kind: Some(KindOverride::Person),
            ..Default::default()
        };
        let text = snippet(&rule).unwrap();
        assert!(text.starts_with("[[entities.override]]\n"), "{text}");
        let table: toml::Table = toml::from_str(&text).unwrap();
        let config = Config::from_layers(&[serde_json::to_value(table).unwrap()]).unwrap();
        assert_eq!(config.entities.overrides, [rule]);
    }
}
