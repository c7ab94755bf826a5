//! The outline, workspace symbols and semantic tokens of [`crate::ide::symbols`] in the
//! protocol's terms.

use super::server::Backend;
use crate::analysis::EntityKind;
use crate::ide::symbols::{self as ide, Role, Symbol, name_tokens, outline};
use crate::text::Encoding;
use crate::workspace::FileEntry;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Most workspace symbols returned for one query.
const WORKSPACE_SYMBOLS: usize = 200;

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

fn symbol_kind(role: Role) -> SymbolKind {
    match role {
        Role::Article => SymbolKind::FILE,
        Role::Field => SymbolKind::FIELD,
        Role::Group => SymbolKind::NAMESPACE,
        Role::Entity(kind) => entity_symbol_kind(kind),
    }
}

fn entity_symbol_kind(kind: EntityKind) -> SymbolKind {
    match kind {
        EntityKind::Person => SymbolKind::OBJECT,
        EntityKind::Organization => SymbolKind::STRUCT,
        EntityKind::Place => SymbolKind::NAMESPACE,
        EntityKind::Other => SymbolKind::EVENT,
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
    let entry = &snapshot.entry;
    let symbols = outline(entry)
        .into_iter()
        .map(|s| document_symbol(entry, s, encoding))
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

#[allow(deprecated)]
fn document_symbol(entry: &FileEntry, symbol: Symbol, encoding: Encoding) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = symbol
        .children
        .into_iter()
        .map(|c| document_symbol(entry, c, encoding))
        .collect();
    DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind: symbol_kind(symbol.role),
        tags: None,
        deprecated: None,
        range: entry.range(symbol.range, encoding).into(),
        selection_range: entry.range(symbol.selection, encoding).into(),
        children: (!children.is_empty()).then_some(children),
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
    let symbols = ide::workspace_symbols(&index, &params.query, WORKSPACE_SYMBOLS)
        .into_iter()
        .filter_map(|found| workspace_symbol(found, encoding))
        .collect();
    Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
}

fn workspace_symbol(found: ide::EntitySymbol, encoding: Encoding) -> Option<WorkspaceSymbol> {
    let range = found.entry.range(found.mention, encoding);
    Some(WorkspaceSymbol {
        name: found.name,
        kind: entity_symbol_kind(found.kind),
        tags: None,
        container_name: Some(found.detail),
        location: OneOf::Left(Location::new(
            Uri::from_file_path(found.path)?,
            range.into(),
        )),
        data: None,
    })
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

/// Every name as a token, delta-encoded as LSP wants; names over a line break are left out.
fn tokens(entry: &FileEntry, encoding: Encoding) -> Vec<SemanticToken> {
    let names = name_tokens(entry);
    let mut out = Vec::with_capacity(names.len());
    let (mut line, mut start) = (0, 0);
    for (bytes, kind) in names {
        let range = entry.range(bytes, encoding);
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
            token_type: token_type(kind),
            token_modifiers_bitset: 0,
        });
        (line, start) = (range.start.line, range.start.character);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, Entity};
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
}
