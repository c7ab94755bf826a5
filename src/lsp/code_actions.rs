//! Code actions: those of [`crate::ide::boilerplate`] (remove a run or a block, keep a
//! block, remove all boilerplate with `source.newsls.removeBoilerplate`) as quick fixes and
//! source actions, then the citation and entity correction actions.

use super::citations;
use super::commands::argument;
use super::contracts::{KEEP_BLOCK, KeepBlockArgs, REMOVE_BOILERPLATE_KIND};
use super::corrections;
use super::proto::{byte_range, lsp_range};
use super::server::Backend;
use super::settings_file;
use super::state::Snapshot;
use crate::ide::boilerplate::{self, Action, RunActions};
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
    let layout = &snapshot.entry.analysis.layout;
    let mut actions = Vec::new();
    if wanted(&params, &CodeActionKind::QUICKFIX) {
        let requested = byte_range(&snapshot.rope, params.range, encoding).unwrap_or(0..0);
        for run in boilerplate::actions(text, layout, &config, requested) {
            actions.extend(run_actions(&ctx, run, &params.context.diagnostics));
        }
    }
    if wanted(&params, &fix_all_kind())
        && let Some((title, deletions)) = boilerplate::remove_all(text, layout, &config)
    {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(fix_all_kind()),
            edit: Some(ctx.edit(deleting(deletions))),
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

fn deleting(ranges: Vec<Range<usize>>) -> Vec<(Range<usize>, String)> {
    ranges.into_iter().map(|r| (r, String::new())).collect()
}

/// The actions of one run as quick fixes: those removing the whole run or keeping a block
/// fix the run's diagnostic (the one the client sent with the same range).
fn run_actions(
    ctx: &EditContext,
    run: RunActions,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let range = lsp_range(&ctx.snapshot.rope, run.span, ctx.encoding);
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
    let action = |action| match action {
        Action::Remove {
            title,
            deletions,
            whole_run,
        } => CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            is_preferred: whole_run.then_some(true),
            diagnostics: whole_run.then(|| fixes.clone()),
            edit: Some(ctx.edit(deleting(deletions))),
            ..Default::default()
        },
        Action::Keep { title, text } => keep_action(ctx, title, text, fixes.clone()),
    };
    run.actions
        .into_iter()
        .map(|a| CodeActionOrCommand::CodeAction(action(a)))
        .collect()
}

/// "Keep this block": a suppression written to the settings file by [`KEEP_BLOCK`].
fn keep_action(
    ctx: &EditContext,
    title: String,
    text: String,
    fixes: Vec<Diagnostic>,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(fixes),
        command: Some(Command {
            title: "Keep this block".into(),
            command: KEEP_BLOCK.into(),
            arguments: Some(vec![json!(KeepBlockArgs {
                uri: ctx.uri.clone(),
                text,
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
