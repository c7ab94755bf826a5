//! Citation tags in the editor, in the protocol's terms: the choices of
//! [`crate::ide::citations`] as code actions, the hover on a tag, and completion items.

use super::code_actions::{EditContext, wanted};
use super::contracts::{CITE_ALL_KIND, SOURCE_HEADER_KIND};
use super::proto::{byte_range, to_offset};
use super::server::Backend;
use super::state::Snapshot;
use crate::ide::citations::{
    Choice, Completion, cite_all_choice, cite_choices, completions, source_header_choice,
    speaker_candidates, tag_card,
};
use crate::text::Encoding;
use tower_lsp_server::ls_types::*;

/// The kind of "Cite all quotes in this file".
pub fn cite_all_kind() -> CodeActionKind {
    CodeActionKind::new(CITE_ALL_KIND)
}

/// The kind of "Insert article source header".
pub fn source_header_kind() -> CodeActionKind {
    CodeActionKind::new(SOURCE_HEADER_KIND)
}

/// Cite actions for the request: one per quote under the range (with its alternatives), cite
/// all, and the source header.
pub fn actions(
    ctx: &EditContext,
    params: &CodeActionParams,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let analysis = &ctx.snapshot.entry.analysis;
    let mut choices: Vec<(Choice, CodeActionKind)> = Vec::new();
    let refactor = CodeActionKind::REFACTOR_REWRITE;
    if wanted(params, &refactor) {
        let requested = byte_range(&ctx.snapshot.rope, params.range, encoding).unwrap_or(0..0);
        let each = cite_choices(analysis, requested).into_iter();
        choices.extend(each.map(|c| (c, refactor.clone())));
    }
    if wanted(params, &cite_all_kind())
        && let Some(choice) = cite_all_choice(analysis)
    {
        choices.push((choice, cite_all_kind()));
    }
    if wanted(params, &source_header_kind())
        && let Some(choice) = source_header_choice(analysis)
    {
        choices.push((choice, source_header_kind()));
    }
    choices
        .into_iter()
        .map(|(choice, kind)| action(ctx, choice, kind))
        .collect()
}

fn action(ctx: &EditContext, choice: Choice, kind: CodeActionKind) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: choice.title,
        kind: Some(kind),
        edit: Some(ctx.edit(choice.edits)),
        is_preferred: choice.preferred.then_some(true),
        ..Default::default()
    })
}

/// Hover on a tag: its fields, and for a cite the speaker's mentions in this file.
pub fn hover(snapshot: &Snapshot, position: Position, encoding: Encoding) -> Option<Hover> {
    let offset = to_offset(&snapshot.rope, position, encoding)?;
    let (range, markdown) = tag_card(&snapshot.entry, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snapshot.entry.range(range, encoding).into()),
    })
}

/// Completion inside a tag: attribute names, or values for the attribute being typed. The
/// speakers offered come from this file and a snapshot of the workspace index.
pub async fn completion(
    backend: &Backend,
    params: CompletionParams,
) -> Option<Vec<CompletionItem>> {
    let at = &params.text_document_position;
    let snapshot = backend.current_snapshot(&at.text_document.uri).await?;
    let (encoding, index) = {
        let state = backend.lock();
        (state.encoding, state.index.snapshot())
    };
    let offset = to_offset(&snapshot.rope, at.position, encoding)?;
    let speakers = speaker_candidates(&snapshot.entry.analysis, &index);
    let found = completions(&snapshot.entry, offset, &speakers)?;
    Some(found.into_iter().map(item).collect())
}

fn item(completion: Completion) -> CompletionItem {
    match completion {
        Completion::Attribute { name, tag } => CompletionItem {
            label: name.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(format!("<{tag}> attribute")),
            insert_text: Some(format!("{name}=\"$1\"")),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            ..Default::default()
        },
        Completion::Value { label, detail } => CompletionItem {
            label,
            kind: Some(CompletionItemKind::VALUE),
            detail: Some(detail),
            ..Default::default()
        },
    }
}
