//! The one way tests point into a text: the `nth` occurrence of a needle, some bytes in, as a
//! byte offset or a typed LSP position (UTF-16, the default encoding), and the text a typed
//! range covers.

use tower_lsp_server::ls_types::{
    Position, Range, TextDocumentIdentifier, TextDocumentPositionParams, Uri,
};

/// The byte offset `into` bytes after the start of the `nth` (0-based) `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize, into: usize) -> usize {
    let (start, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no occurrence {nth} of {needle:?}"));
    start + into
}

/// [`find`] as an LSP position in UTF-16.
pub fn cursor(text: &str, needle: &str, nth: usize, into: usize) -> Position {
    position_of(text, find(text, needle, nth, into))
}

/// The UTF-16 LSP position of byte `at`.
pub fn position_of(text: &str, at: usize) -> Position {
    serde_json::from_value(super::position(text, at, "utf-16")).unwrap()
}

/// The text a UTF-16 range covers.
pub fn covered<'a>(text: &'a str, range: &Range) -> &'a str {
    let range = serde_json::to_value(range).unwrap();
    let start = super::offset(text, &range["start"], "utf-16");
    let end = super::offset(text, &range["end"], "utf-16");
    &text[start..end]
}

/// A document uri from its string.
pub fn uri(text: &str) -> Uri {
    text.parse()
        .unwrap_or_else(|e| panic!("uri {text:?}: {e:?}"))
}

/// The params of a request at a position of a document.
pub fn at(uri_text: &str, position: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams {
        text_document: TextDocumentIdentifier { uri: uri(uri_text) },
        position,
    }
}
