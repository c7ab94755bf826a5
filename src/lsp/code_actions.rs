//! Code actions on boilerplate: remove this block, keep this block (a suppression written to
//! `newsls.toml`), and remove all boilerplate in the file (`source.newsls.removeBoilerplate`).

use super::citations;
use super::commands::argument;
use super::contracts::{KEEP_BLOCK, KeepBlockArgs, REMOVE_BOILERPLATE_KIND};
use super::corrections;
use super::proto::{byte_range, lsp_range};
use super::server::Backend;
use super::settings_file;
use super::state::Snapshot;
use crate::analysis::boilerplate::dominant;
use crate::analysis::removal::removal_ranges;
use crate::analysis::{Block, Verdict};
use crate::config::CONFIG_FILE;
use crate::ide::findings::boilerplate_runs;
use crate::text::Encoding;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The kind of "remove all boilerplate in this file" (see [`REMOVE_BOILERPLATE_KIND`]).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new(REMOVE_BOILERPLATE_KIND)
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
            state.config_of(&uri).clone(),
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
    let runs = boilerplate_runs(text, analysis, &config);
    let junk: Vec<&Verdict> = runs.iter().flatten().copied().collect();
    let mut actions = Vec::new();
    if wanted(&params, &CodeActionKind::QUICKFIX) {
        let requested = byte_range(&snapshot.rope, params.range, encoding).unwrap_or(0..0);
        for run in &runs {
            if touches(&span(&analysis.blocks, run), &requested) {
                actions.extend(run_actions(
                    &ctx,
                    run,
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
    actions.extend(corrections::actions(backend, &ctx, &params));
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
            arguments: Some(vec![json!(KeepBlockArgs {
                uri: ctx.uri.clone(),
                text: text.to_string(),
            })]),
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
    let KeepBlockArgs { uri, text } = argument(arguments)?;
    let text = text.as_str();
    let path = settings_file::settings_path(backend, &uri)?;
    let encoding = backend.lock().encoding;
    let snippet = format!(
        "[[boilerplate.keep]]\ntext = {}\n",
        settings_file::quoted(text)
    );
    settings_file::apply(backend, settings_file::append(&path, &snippet, encoding)?).await?;
    backend
        .lock()
        .config_of_mut(&uri)
        .boilerplate
        .add_keep(text);
    backend.republish_all().await;
    Ok(None)
}
