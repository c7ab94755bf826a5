//! Citation tags in the editor: cite-quote code actions, the article source header, hover
//! on tags, and completion of attribute names and values.

use super::code_actions::{EditContext, wanted};
use super::proto::{byte_range, to_offset};
use super::server::Backend;
use super::state::Snapshot;
use crate::analysis::citation::{CITE_ATTRIBUTES, SOURCE_ATTRIBUTES, SourceFields, escape};
use crate::analysis::{Analysis, EntityKind};
use crate::cite::{cite_all, uncited, wrap};
use crate::text::Encoding;
use std::ops::Range;
use tower_lsp_server::ls_types::*;

/// The kind of "Cite all quotes in this file".
pub fn cite_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.citeAll.newsls")
}

/// The kind of "Insert article source header".
pub fn source_header_kind() -> CodeActionKind {
    CodeActionKind::new("source.sourceHeader.newsls")
}

/// Cite actions for the request: one per quote under the range (with its alternatives), cite
/// all, and the source header.
pub fn actions(
    ctx: &EditContext,
    params: &CodeActionParams,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let analysis = &ctx.snapshot.entry.analysis;
    let mut actions = Vec::new();
    let refactor = CodeActionKind::REFACTOR_REWRITE;
    if wanted(params, &refactor) {
        let requested = byte_range(&ctx.snapshot.rope, params.range, encoding).unwrap_or(0..0);
        for quote in uncited(analysis)
            .filter(|q| q.range.start <= requested.end && requested.start <= q.range.end)
        {
            let speakers: Vec<&str> = quote
                .speaker
                .iter()
                .chain(&quote.alternatives)
                .map(|s| s.name.as_str())
                .collect();
            for (i, speaker) in speakers.iter().enumerate() {
                actions.push(action(
                    ctx,
                    format!("Cite quote: {speaker}"),
                    refactor.clone(),
                    i == 0,
                    wrap(analysis, quote, speaker).to_vec(),
                ));
            }
            if speakers.is_empty() {
                actions.push(action(
                    ctx,
                    "Cite quote (speaker unknown)".into(),
                    refactor.clone(),
                    false,
                    wrap(analysis, quote, "").to_vec(),
                ));
            }
        }
    }
    if wanted(params, &cite_all_kind())
        && let Some(edits) = cite_all_edits(analysis)
    {
        let title = format!("Cite all quotes in this file ({} quotes)", edits.len() / 2);
        actions.push(action(ctx, title, cite_all_kind(), false, edits));
    }
    if wanted(params, &source_header_kind()) && analysis.citations.sources.is_empty() {
        let header = format!("{}\n", source_header(&source_fields(analysis)));
        actions.push(action(
            ctx,
            "Insert article source header".into(),
            source_header_kind(),
            false,
            vec![(0..0, header)],
        ));
    }
    actions
}

/// Cites for every uncited quote whose speaker is known; `None` when there is none.
pub fn cite_all_edits(analysis: &Analysis) -> Option<Vec<(Range<usize>, String)>> {
    let edits = cite_all(analysis, 0.0);
    (!edits.is_empty()).then_some(edits)
}

/// The header's values from the article's own cues.
fn source_fields(analysis: &Analysis) -> SourceFields {
    let metadata = &analysis.metadata;
    SourceFields {
        publication: metadata.publication.as_ref().map(|f| f.value.clone()),
        title: metadata.headline.as_ref().map(|f| f.value.clone()),
        date: metadata.date.as_ref().and_then(|d| d.iso()),
        authors: metadata
            .authors
            .iter()
            .map(|f| f.value.replace(';', ","))
            .collect(),
    }
}

/// The header line with every attribute present, empty where the article does not say, so
/// the annotator sees what to fill in.
fn source_header(fields: &SourceFields) -> String {
    let value = |v: Option<&String>| escape(v.map_or("", String::as_str));
    format!(
        "<source publication=\"{}\" title=\"{}\" date=\"{}\" authors=\"{}\"/>",
        value(fields.publication.as_ref()),
        value(fields.title.as_ref()),
        value(fields.date.as_ref()),
        escape(&fields.authors.join("; "))
    )
}

fn action(
    ctx: &EditContext,
    title: String,
    kind: CodeActionKind,
    preferred: bool,
    edits: Vec<(Range<usize>, String)>,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(ctx.edit(edits)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// Hover on a tag: its fields, and for a cite the speaker's mentions in this file.
pub fn hover(snapshot: &Snapshot, position: Position, encoding: Encoding) -> Option<Hover> {
    let offset = to_offset(&snapshot.rope, position, encoding)?;
    let entry = &snapshot.entry;
    let citations = &entry.analysis.citations;
    let (range, title, attributes) = citations
        .cites
        .iter()
        .find(|c| c.open.start <= offset && offset <= c.open.end)
        .map(|c| (c.open.clone(), "Citation", &c.attributes))
        .or_else(|| {
            citations
                .sources
                .iter()
                .find(|s| s.range.start <= offset && offset <= s.range.end)
                .map(|s| (s.range.clone(), "Article source", &s.attributes))
        })?;
    let mut markdown = format!("**{title}**\n\n");
    for attribute in attributes {
        markdown.push_str(&format!("- {}: {}\n", attribute.name, attribute.value));
    }
    if let Some(speaker) = attributes.iter().find(|a| a.name == "speaker") {
        markdown.push_str(&speaker_mentions(snapshot, &speaker.value));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(entry.range(range, encoding).into()),
    })
}

/// "Mentioned on lines …" for the entity the speaker names, or a warning when none does.
fn speaker_mentions(snapshot: &Snapshot, speaker: &str) -> String {
    let entry = &snapshot.entry;
    let id = |kind, name: &str| crate::workspace::entity_id(kind, name);
    let wanted = id(EntityKind::Person, speaker);
    let entity = entry
        .analysis
        .entities
        .iter()
        .find(|e| id(EntityKind::Person, &e.name) == wanted || e.name == speaker);
    let Some(entity) = entity else {
        return format!("\n*{speaker}* is not named in this article.\n");
    };
    let lines: Vec<String> = entity
        .mentions
        .iter()
        .map(|m| {
            let line = entry.lines.line(m.start) + 1;
            format!("[{line}](#L{line})")
        })
        .collect();
    format!(
        "\n{} ({}) is mentioned on lines {}\n",
        entity.name,
        entity.kind.as_str(),
        lines.join(", ")
    )
}

/// Completion inside a tag: attribute names, or values for the attribute being typed.
pub fn completion(
    snapshot: &Snapshot,
    position: Position,
    encoding: Encoding,
    speakers: &[(String, EntityKind)],
) -> Option<Vec<CompletionItem>> {
    let offset = to_offset(&snapshot.rope, position, encoding)?;
    let text = &*snapshot.entry.text;
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let tag_start = before.rfind('<')?;
    let tag = &before[tag_start..];
    if tag.contains('>') {
        return None;
    }
    let (name, allowed): (&str, &[&str]) = if tag.starts_with("<cite") {
        ("cite", &CITE_ATTRIBUTES)
    } else if tag.starts_with("<source") {
        ("source", &SOURCE_ATTRIBUTES)
    } else {
        return None;
    };
    match open_value(tag) {
        Some(attribute) => Some(values(&snapshot.entry.analysis, attribute, speakers)),
        None => Some(
            allowed
                .iter()
                .filter(|a| !tag.contains(&format!(" {a}=")))
                .map(|a| CompletionItem {
                    label: a.to_string(),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: Some(format!("<{name}> attribute")),
                    insert_text: Some(format!("{a}=\"$1\"")),
                    insert_text_format: Some(InsertTextFormat::SNIPPET),
                    ..Default::default()
                })
                .collect(),
        ),
    }
}

/// The attribute whose value the cursor is in, when an odd number of quotes precede it.
fn open_value(tag: &str) -> Option<&str> {
    let quotes = tag.matches('"').count();
    if quotes % 2 == 0 {
        return None;
    }
    let last_quote = tag.rfind('"')?;
    let name_end = tag[..last_quote].trim_end().strip_suffix('=')?.trim_end();
    let name_start = name_end.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    Some(&name_end[name_start..])
}

fn values(
    analysis: &Analysis,
    attribute: &str,
    speakers: &[(String, EntityKind)],
) -> Vec<CompletionItem> {
    let metadata = &analysis.metadata;
    let item = |label: String, detail: &str| CompletionItem {
        label,
        kind: Some(CompletionItemKind::VALUE),
        detail: Some(detail.to_string()),
        ..Default::default()
    };
    match attribute {
        "speaker" => speakers
            .iter()
            .map(|(name, kind)| item(name.clone(), kind.as_str()))
            .collect(),
        "source" | "publication" | "channel" => metadata
            .publication
            .iter()
            .chain(&metadata.agencies)
            .map(|f| item(f.value.clone(), "named in this article"))
            .collect(),
        "date" => metadata
            .date
            .iter()
            .filter_map(|d| d.iso())
            .map(|d| item(d, "the article's date"))
            .collect(),
        "title" => metadata
            .headline
            .iter()
            .map(|f| item(f.value.clone(), "headline"))
            .collect(),
        "authors" => metadata
            .authors
            .iter()
            .map(|f| item(f.value.clone(), "byline"))
            .collect(),
        _ => Vec::new(),
    }
}

/// People and organisations a speaker may be: this file's first, then the workspace's.
pub fn speaker_candidates(backend: &Backend, snapshot: &Snapshot) -> Vec<(String, EntityKind)> {
    let speaking = |k: EntityKind| matches!(k, EntityKind::Person | EntityKind::Organization);
    let mut names: Vec<(String, EntityKind)> = snapshot
        .entry
        .analysis
        .entities
        .iter()
        .filter(|e| speaking(e.kind))
        .map(|e| (e.name.clone(), e.kind))
        .collect();
    let index = backend.lock().index.snapshot();
    for record in index
        .entities()
        .search("")
        .into_iter()
        .filter(|r| speaking(r.kind))
        .take(200)
    {
        if !names.iter().any(|(n, _)| n == record.name()) {
            names.push((record.name().to_string(), record.kind));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_value_finds_the_attribute_being_typed() {
        assert_eq!(open_value("<cite speaker=\"Ser"), Some("speaker"));
        assert_eq!(
            open_value("<cite speaker=\"A\" source = \""),
            Some("source")
        );
        assert_eq!(open_value("<cite speaker=\"A\" "), None);
        assert_eq!(open_value("<cite "), None);
    }

    #[test]
    fn cite_all_wraps_only_quotes_with_speakers_and_skips_cited_ones() {
        let text = "\"We will win,\" Smith said. A so-called \"plan\" failed.\n<cite speaker=\"Jones\">\"Done,\"</cite> Jones said.";
        let analysis = crate::analysis::analyze(text);
        let edits = cite_all_edits(&analysis).unwrap();
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert_eq!(edits[0].0, 0..0);
        assert!(edits[0].1.starts_with("<cite speaker=\"Smith\""));
        assert_eq!(edits[1], (14..14, "</cite>".to_string()));
    }
}
