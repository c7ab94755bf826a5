//! Code actions on boilerplate: remove this block, keep this block (a suppression written to
//! `newsls.toml`), and remove all boilerplate in the file (`source.newsls.removeBoilerplate`).

use super::citations;
use super::server::Backend;
use super::state::Snapshot;
use crate::analysis::boilerplate::{dominant, runs};
use crate::analysis::removal::removal_ranges;
use crate::analysis::{Block, Verdict};
use crate::config::CONFIG_FILE;
use crate::text::{Encoding, byte_range, lsp_range};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

/// The command behind "keep this block": arguments `[{"uri", "text"}]`.
pub const KEEP_BLOCK: &str = "newsls.keepBlock";

/// The kind of "remove all boilerplate in this file". Deliberately not under `source.fixAll`
/// (nor any kind editors apply on save): deleting article text runs only when the user asks.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.newsls.removeBoilerplate")
}

pub async fn code_actions(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri.clone();
    let Some(snapshot) = backend.current_snapshot(&uri).await else {
        return Ok(None);
    };
    let (encoding, config, document_changes) = {
        let state = backend.lock();
        (
            state.encoding,
            state.config.clone(),
            state.caps.document_changes,
        )
    };
    let ctx = EditContext {
        uri: &uri,
        snapshot: &snapshot,
        encoding,
        document_changes,
    };
    let text = &*snapshot.entry.text;
    let analysis = &snapshot.entry.analysis;
    let junk: Vec<&Verdict> = analysis
        .boilerplate
        .iter()
        .filter(|v| {
            config.boilerplate.enabled
                && !config
                    .boilerplate
                    .is_kept(analysis.blocks[v.block].text(text))
        })
        .collect();
    let mut actions = Vec::new();
    if wanted(&params, &CodeActionKind::QUICKFIX) {
        let requested = byte_range(&snapshot.rope, params.range, encoding).unwrap_or(0..0);
        for run in runs(junk.iter().copied()) {
            if touches(&span(&analysis.blocks, &run), &requested) {
                actions.extend(run_actions(
                    &ctx,
                    &run,
                    &requested,
                    &params.context.diagnostics,
                ));
            }
        }
    }
    if !junk.is_empty() && wanted(&params, &fix_all_kind()) {
        let edit = ctx.edit(deletions(removal_ranges(
            text,
            &analysis.blocks,
            junk.iter().map(|v| v.block),
        )));
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!(
                "Remove all boilerplate in this file ({} blocks)",
                junk.len()
            ),
            kind: Some(fix_all_kind()),
            edit: Some(edit),
            ..Default::default()
        }));
    }
    actions.extend(citations::actions(&ctx, &params, encoding));
    Ok(Some(actions))
}

/// Whether the client asked for actions of `kind` (`only` lists kinds or their prefixes).
pub fn wanted(params: &CodeActionParams, kind: &CodeActionKind) -> bool {
    params.context.only.as_ref().is_none_or(|only| {
        only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        })
    })
}

fn deletions(ranges: Vec<Range<usize>>) -> Vec<(Range<usize>, String)> {
    ranges.into_iter().map(|r| (r, String::new())).collect()
}

/// Whether a block and the requested range meet (an empty range at the block's edge counts).
fn touches(block: &Range<usize>, requested: &Range<usize>) -> bool {
    block.start <= requested.end && requested.start <= block.end
}

/// Per-block actions are offered for at most this many blocks of a selection.
const MAX_BLOCK_ACTIONS: usize = 10;

/// The bytes from a run's first block to its last.
fn span(blocks: &[Block], run: &[&Verdict]) -> Range<usize> {
    blocks[run[0].block].range.start..blocks[run[run.len() - 1].block].range.end
}

/// For a run of boilerplate blocks (one diagnostic): remove the run; and for the blocks the
/// request touches, remove only that block (inside a longer run) or keep it.
fn run_actions(
    ctx: &EditContext,
    run: &[&Verdict],
    requested: &Range<usize>,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let analysis = &ctx.snapshot.entry.analysis;
    let text = &*ctx.snapshot.entry.text;
    let range = lsp_range(
        &ctx.snapshot.rope,
        span(&analysis.blocks, run),
        ctx.encoding,
    );
    let fixes: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.range == range
                && d.data
                    .as_ref()
                    .is_some_and(|data| data["kind"] == "boilerplate")
        })
        .cloned()
        .collect();
    let category = dominant(run)[0].as_str();
    let remove = |title: String, blocks: Vec<usize>, fixes: Option<Vec<Diagnostic>>| CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: fixes.as_ref().map(|_| true),
        diagnostics: fixes,
        edit: Some(ctx.edit(deletions(removal_ranges(text, &analysis.blocks, blocks)))),
        ..Default::default()
    };
    let title = match run.len() {
        1 => format!("Remove this boilerplate block ({category})"),
        n => format!("Remove these {n} boilerplate blocks ({category})"),
    };
    let all = run.iter().map(|v| v.block).collect();
    let mut actions = vec![remove(title, all, Some(fixes.clone()))];
    let touched = run
        .iter()
        .map(|v| v.block)
        .filter(|&b| touches(&analysis.blocks[b].range, requested))
        .take(MAX_BLOCK_ACTIONS);
    for index in touched {
        if run.len() > 1 {
            let title = format!("Remove only this block ({category})");
            actions.push(remove(title, vec![index], None));
        }
        actions.push(keep_action(ctx, index, category, fixes.clone()));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// "Keep this block": a suppression written to the settings file by [`KEEP_BLOCK`].
fn keep_action(
    ctx: &EditContext,
    index: usize,
    category: &str,
    fixes: Vec<Diagnostic>,
) -> CodeAction {
    let text = ctx.snapshot.entry.analysis.blocks[index].text(&ctx.snapshot.entry.text);
    CodeAction {
        title: format!("Keep this block (not {category}): remember it in {CONFIG_FILE}"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(fixes),
        command: Some(Command {
            title: "Keep this block".into(),
            command: KEEP_BLOCK.into(),
            arguments: Some(vec![json!({"uri": ctx.uri, "text": text})]),
        }),
        ..Default::default()
    }
}

/// What an edit of the analysed document needs: it names the version it was computed for,
/// so a client whose text moved on refuses it instead of damaging the text.
pub struct EditContext<'a> {
    pub uri: &'a Uri,
    pub snapshot: &'a Snapshot,
    pub encoding: Encoding,
    pub document_changes: bool,
}

impl EditContext<'_> {
    /// A workspace edit replacing byte ranges of the document with new texts.
    pub fn edit(&self, replacements: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
        let edits: Vec<TextEdit> = replacements
            .into_iter()
            .map(|(r, new_text)| {
                TextEdit::new(lsp_range(&self.snapshot.rope, r, self.encoding), new_text)
            })
            .collect();
        if !self.document_changes {
            return WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), edits)])),
                ..Default::default()
            };
        }
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: self.uri.clone(),
                    version: Some(self.snapshot.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    }
}

/// Runs [`KEEP_BLOCK`]: asks the client to append the suppression to `newsls.toml` (the
/// server itself writes no files) and applies it at once, so the diagnostic goes away before
/// the file is saved.
pub async fn keep_block(backend: &Backend, arguments: &[Value]) -> Result<Option<Value>> {
    let argument = arguments
        .first()
        .ok_or_else(|| Error::invalid_params("missing argument"))?;
    let uri: Uri = serde_json::from_value(argument["uri"].clone())
        .map_err(|e| Error::invalid_params(format!("uri: {e}")))?;
    let text = argument["text"]
        .as_str()
        .ok_or_else(|| Error::invalid_params("text: expected a string"))?;
    let (root, encoding) = {
        let state = backend.lock();
        let path = uri.to_file_path().map(|p| p.into_owned());
        let root = path
            .as_deref()
            .and_then(|p| state.root_of(p))
            .or(state.roots.first().map(|r| r.as_path()));
        (root.map(Path::to_path_buf), state.encoding)
    };
    let root =
        root.ok_or_else(|| Error::invalid_params("no workspace folder to hold newsls.toml"))?;
    let edit = append_keep_rule(&root.join(CONFIG_FILE), text, encoding)?;
    let response =
        backend.client.apply_edit(edit).await.map_err(|e| {
            Error::invalid_params(format!("the editor did not apply the edit: {e}"))
        })?;
    if !response.applied {
        return Err(Error::invalid_params(
            response
                .failure_reason
                .unwrap_or_else(|| "edit refused".into()),
        ));
    }
    backend.lock().config.boilerplate.add_keep(text);
    backend.republish_all().await;
    Ok(None)
}

/// The edit that appends `[[boilerplate.keep]]` for `text` to the settings file, creating it
/// when missing. Appending a table array entry is valid TOML whatever the file holds.
fn append_keep_rule(path: &Path, text: &str, encoding: Encoding) -> Result<WorkspaceEdit> {
    let uri =
        Uri::from_file_path(path).ok_or_else(|| Error::invalid_params("bad settings path"))?;
    let quoted = toml::Value::String(text.to_string()).to_string();
    let existing = match std::fs::read_to_string(path) {
        Ok(existing) => Some(existing),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::invalid_params(format!("{}: {e}", path.display()))),
    };
    let separator = match &existing {
        Some(t) if !t.is_empty() && !t.ends_with('\n') => "\n\n",
        Some(t) if !t.is_empty() => "\n",
        _ => "",
    };
    let insertion = format!("{separator}[[boilerplate.keep]]\ntext = {quoted}\n");
    let rope = ropey::Rope::from_str(existing.as_deref().unwrap_or(""));
    let end = lsp_range(&rope, rope.len_bytes()..rope.len_bytes(), encoding);
    let edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(end, insertion))],
    };
    let mut operations = Vec::new();
    if existing.is_none() {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri,
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    operations.push(DocumentChangeOperation::Edit(edit));
    Ok(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_rule_appends_valid_toml() {
        let dir = std::env::temp_dir().join(format!("newsls-keep-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(CONFIG_FILE);
        let _ = std::fs::remove_file(&path);
        let created = append_keep_rule(&path, "Say \"hi\" \\ now", Encoding::Utf16).unwrap();
        let Some(DocumentChanges::Operations(ops)) = created.document_changes else {
            panic!()
        };
        assert_eq!(ops.len(), 2);
        let DocumentChangeOperation::Edit(edit) = &ops[1] else {
            panic!()
        };
        let OneOf::Left(insert) = &edit.edits[0] else {
            panic!()
        };
        let mut file = "[boilerplate]\nseverity = \"hint\"".to_string();
        std::fs::write(&path, &file).unwrap();
        let appended = append_keep_rule(&path, "Say \"hi\" \\ now", Encoding::Utf16).unwrap();
        let Some(DocumentChanges::Operations(ops)) = appended.document_changes else {
            panic!()
        };
        assert_eq!(ops.len(), 1);
        let DocumentChangeOperation::Edit(edit) = &ops[0] else {
            panic!()
        };
        let OneOf::Left(append) = &edit.edits[0] else {
            panic!()
        };
        assert_eq!(append.range.start, Position::new(1, 17));
        file.push_str(&append.new_text);
        let table: toml::Table = toml::from_str(&file).unwrap();
        assert_eq!(
            table["boilerplate"]["keep"][0]["text"].as_str(),
            Some("Say \"hi\" \\ now")
        );
        let fresh: toml::Table = toml::from_str(&insert.new_text).unwrap();
        assert_eq!(
            fresh["boilerplate"]["keep"][0]["text"].as_str(),
            Some("Say \"hi\" \\ now")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
