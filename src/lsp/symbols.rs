//! The outline of an article (its entities by kind), workspace-wide entity search, and
//! semantic tokens that colour names by kind.

use super::server::Backend;
use crate::analysis::{Entity, EntityKind};
use crate::text::Encoding;
use crate::workspace::FileEntry;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Most workspace symbols returned for one query.
const WORKSPACE_SYMBOLS: usize = 200;

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

/// Semantic token types, indexed by [`token_type`]. Standard LSP types, so every theme
/// colours them without configuration.
pub fn token_legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::VARIABLE,
            SemanticTokenType::CLASS,
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::ENUM_MEMBER,
        ],
        token_modifiers: vec![],
    }
}

fn token_type(kind: EntityKind) -> u32 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

fn symbol_kind(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::OBJECT,
        EntityKind::Organization => SymbolKind::STRUCT,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Other => SymbolKind::EVENT,
    }
}

fn group_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organizations",
        EntityKind::Place => "Places",
        EntityKind::Other => "Other names",
    }
}

pub async fn document_symbols(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(snapshot) = backend.current_snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let encoding = backend.lock().encoding;
    Ok(Some(DocumentSymbolResponse::Nested(outline(
        &snapshot.entry,
        encoding,
    ))))
}

/// The article's metadata, then one group per entity kind listing its entities at their
/// first mention.
fn outline(entry: &FileEntry, encoding: Encoding) -> Vec<DocumentSymbol> {
    let article = article_symbol(entry, encoding);
    let groups = KINDS
        .iter()
        .filter_map(|&kind| {
            let children: Vec<DocumentSymbol> = entry
                .analysis
                .entities
                .iter()
                .filter(|e| e.kind == kind && !e.mentions.is_empty())
                .map(|e| entity_symbol(entry, e, encoding))
                .collect();
            let first = children.iter().map(|c| c.range.start).min()?;
            let last = children.iter().map(|c| c.range.end).max()?;
            Some(symbol(
                group_name(kind).into(),
                Some(format!("{}", children.len())),
                SymbolKind::NAMESPACE,
                Range::new(first, last),
                Range::new(first, first),
                Some(children),
            ))
        })
        .collect::<Vec<_>>();
    article.into_iter().chain(groups).collect()
}

/// "Article" with the headline, publication, authors, date, dateline and agencies found.
fn article_symbol(entry: &FileEntry, encoding: Encoding) -> Option<DocumentSymbol> {
    let metadata = &entry.analysis.metadata;
    let date = metadata.date.as_ref().map(|d| {
        let value = d
            .iso()
            .unwrap_or_else(|| entry.text[d.range.clone()].to_string());
        ("Date", value, d.range.clone())
    });
    let fields = [
        ("Headline", &metadata.headline),
        ("Publication", &metadata.publication),
        ("Dateline", &metadata.dateline),
    ]
    .into_iter()
    .filter_map(|(label, field)| {
        field
            .as_ref()
            .map(|f| (label, f.value.clone(), f.range.clone()))
    })
    .chain(
        metadata
            .authors
            .iter()
            .map(|f| ("Author", f.value.clone(), f.range.clone())),
    )
    .chain(date)
    .chain(
        metadata
            .agencies
            .iter()
            .map(|f| ("Agency", f.value.clone(), f.range.clone())),
    );
    let children: Vec<DocumentSymbol> = fields
        .map(|(label, value, range)| {
            let range = entry.range(range, encoding).into();
            symbol(
                value,
                Some(label.to_lowercase()),
                SymbolKind::FIELD,
                range,
                range,
                None,
            )
        })
        .collect();
    let first = children.iter().map(|c| c.range.start).min()?;
    let last = children.iter().map(|c| c.range.end).max()?;
    Some(symbol(
        "Article".into(),
        None,
        SymbolKind::FILE,
        Range::new(first, last),
        Range::new(first, first),
        Some(children),
    ))
}

fn entity_symbol(entry: &FileEntry, entity: &Entity, encoding: Encoding) -> DocumentSymbol {
    let first = entry.range(entity.mentions[0].clone(), encoding).into();
    let n = entity.mentions.len();
    let detail = format!(
        "{} · {n} mention{}",
        entity.kind.as_str(),
        if n == 1 { "" } else { "s" }
    );
    symbol(
        entity.name.clone(),
        Some(detail),
        symbol_kind(entity.kind),
        first,
        first,
        None,
    )
}

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection_range: Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children,
    }
}

pub async fn workspace_symbols(
    backend: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    backend.wait_for_index().await;
    let (encoding, index) = {
        let state = backend.lock();
        (state.encoding, state.index.snapshot())
    };
    let symbols: Vec<WorkspaceSymbol> = index
        .entities()
        .search(&params.query)
        .into_iter()
        .take(WORKSPACE_SYMBOLS)
        .filter_map(|record| {
            let (path, indices) = record.files.iter().next()?;
            let entry = index.get(path)?;
            let entity = entry.analysis.entities.get(*indices.first()? as usize)?;
            let mention = entry.article_mentions(entity).next()?;
            let files = record.files.len();
            Some(WorkspaceSymbol {
                name: record.name().to_string(),
                kind: symbol_kind(record.kind),
                tags: None,
                container_name: Some(format!(
                    "{} · {files} file{}",
                    record.kind.as_str(),
                    if files == 1 { "" } else { "s" }
                )),
                location: OneOf::Left(Location::new(
                    Uri::from_file_path(path)?,
                    entry.range(mention, encoding).into(),
                )),
                data: None,
            })
        })
        .collect();
    Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
}

pub async fn semantic_tokens(
    backend: &Backend,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let Some(snapshot) = backend.current_snapshot(&params.text_document.uri).await else {
        return Ok(None);
    };
    let encoding = backend.lock().encoding;
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data: tokens(&snapshot.entry, encoding),
    })))
}

/// Every mention as a token, delta-encoded as LSP wants.
fn tokens(entry: &FileEntry, encoding: Encoding) -> Vec<SemanticToken> {
    let mut mentions: Vec<(usize, usize, u32)> = entry
        .analysis
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.start, m.end, token_type(e.kind)))
        })
        .collect();
    mentions.sort_unstable();
    let mut out = Vec::with_capacity(mentions.len());
    let (mut line, mut start) = (0, 0);
    let mut last_end = None;
    for (from, to, token_type) in mentions {
        if last_end.is_some_and(|end| from < end) {
            continue;
        }
        let range = entry.range(from..to, encoding);
        if range.start.line != range.end.line {
            continue;
        }
        let delta_line = range.start.line - line;
        let delta_start = if delta_line == 0 {
            range.start.character - start
        } else {
            range.start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: range.end.character - range.start.character,
            token_type,
            token_modifiers_bitset: 0,
        });
        (line, start, last_end) = (range.start.line, range.start.character, Some(to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use std::sync::Arc;

    fn entry() -> FileEntry {
        let text = "Putin — met Kim.\nKim left 東京 and Putin stayed.";
        let mut analysis = Analysis::default();
        let at = |needle: &str, nth: usize| {
            let start = text.match_indices(needle).nth(nth).unwrap().0;
            start..start + needle.len()
        };
        analysis.entities = vec![
            Entity {
                name: "Vladimir Putin".into(),
                kind: EntityKind::Person,
                mentions: vec![at("Putin", 0), at("Putin", 1)],
            },
            Entity {
                name: "Kim".into(),
                kind: EntityKind::Person,
                mentions: vec![at("Kim", 0), at("Kim", 1)],
            },
            Entity {
                name: "東京".into(),
                kind: EntityKind::Place,
                mentions: vec![at("東京", 0)],
            },
        ];
        FileEntry::from_analysis(Arc::from(text), analysis, false)
    }

    #[test]
    fn tokens_are_delta_encoded_in_the_client_encoding() {
        let data = tokens(&entry(), Encoding::Utf16);
        let got: Vec<(u32, u32, u32, u32)> = data
            .iter()
            .map(|t| (t.delta_line, t.delta_start, t.length, t.token_type))
            .collect();
        assert_eq!(
            got,
            [
                (0, 0, 5, 0),
                (0, 12, 3, 0),
                (1, 0, 3, 0),
                (0, 9, 2, 2),
                (0, 7, 5, 0)
            ]
        );
        let utf8 = tokens(&entry(), Encoding::Utf8);
        assert_eq!((utf8[1].delta_start, utf8[3].length), (14, 6));
    }

    #[test]
    fn outline_groups_entities_by_kind() {
        let symbols = outline(&entry(), Encoding::Utf16);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["People", "Places"], "no metadata in this text");
        let people = symbols[0].children.as_ref().unwrap();
        assert_eq!(people[0].name, "Vladimir Putin");
        assert_eq!(people[0].detail.as_deref(), Some("person · 2 mentions"));
    }
}
