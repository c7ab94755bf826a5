//! The contract with the editor clients, defined once: every custom command
//! (`workspace/executeCommand`), custom request and code action kind the server offers, with
//! their JSON as serde types. The server parses and answers through these types, so the wire
//! shape is the type. `docs/protocol.md` documents each one; `tests/lsp_protocol/contracts.rs`
//! reads its examples back through these types, generates the clients' protocol files from
//! them, and fails when the VS Code or Neovim client names something that is not here.

use crate::config::EntityOverride;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::ls_types::{Range, TextDocumentIdentifier, Uri};

/// "Keep this block": arguments `[KeepBlockArgs]`, result `null`.
pub const KEEP_BLOCK: &str = "newsls.keepBlock";
/// An entity correction: arguments `[CorrectEntityArgs]`, result `null`.
pub const CORRECT_ENTITY: &str = "newsls.correctEntity";
/// "Cite all quotes in this file": arguments `[uri]`, result [`CiteAllResult`].
pub const CITE_ALL: &str = "newsls.citeAll";
/// "Show entities of this file": arguments `[uri]`, result `[FileEntity]`.
pub const SHOW_ENTITIES: &str = "newsls.showEntities";
/// "Cite this quote": arguments `[CiteQuoteArgs]`, result [`CiteAllResult`].
pub const CITE_QUOTE: &str = "newsls.citeQuote";
/// Every command of `workspace/executeCommand` the server runs (and advertises).
pub const COMMANDS: [&str; 5] = [
    KEEP_BLOCK,
    CITE_ALL,
    SHOW_ENTITIES,
    CORRECT_ENTITY,
    CITE_QUOTE,
];

/// The server's copy of an open document: params [`DocumentTextParams`], result [`DocumentText`].
pub const DOCUMENT_TEXT: &str = "newsls/documentText";
/// The entities of the whole workspace: params [`WorkspaceEntitiesParams`], result
/// `[WorkspaceEntity]`.
pub const WORKSPACE_ENTITIES: &str = "newsls/workspaceEntities";
/// Every mention of one entity: params [`EntityMentionsParams`], result `[EntityMention]`.
pub const ENTITY_MENTIONS: &str = "newsls/entityMentions";
/// The quotations of the workspace by speaker: params [`WorkspaceQuotesParams`], result
/// `[QuoteGroup]`.
pub const WORKSPACE_QUOTES: &str = "newsls/workspaceQuotes";
/// Every custom request the server answers.
pub const REQUESTS: [&str; 4] = [
    DOCUMENT_TEXT,
    WORKSPACE_ENTITIES,
    ENTITY_MENTIONS,
    WORKSPACE_QUOTES,
];

/// Commands the server's code lenses ask the client to run: the clients define them (the
/// server does not run them). "21 mentions in 3 files": arguments `[uri, position,
/// [Location]]`, rust-analyzer's shape.
pub const CLIENT_SHOW_REFERENCES: &str = "newsls.client.showReferences";
/// "5 quotes, 2 cited": arguments `[uri]`; the client shows that file's quotes.
pub const CLIENT_SHOW_QUOTES: &str = "newsls.client.showQuotes";
/// The client commands of the lenses.
pub const CLIENT_COMMANDS: [&str; 2] = [CLIENT_SHOW_REFERENCES, CLIENT_SHOW_QUOTES];

/// "Remove all boilerplate in this file". Deliberately not under `source.fixAll` (nor any
/// kind editors apply on save): deleting article text runs only when the user asks.
pub const REMOVE_BOILERPLATE_KIND: &str = "source.newsls.removeBoilerplate";
/// Entity corrections: they change what newsls knows, never the text.
pub const CORRECTION_KIND: &str = "refactor.newsls.entity";
/// "Cite all quotes in this file" as a code action.
pub const CITE_ALL_KIND: &str = "source.citeAll.newsls";
/// "Insert article source header".
pub const SOURCE_HEADER_KIND: &str = "source.sourceHeader.newsls";
/// The newsls code action kinds a client may ask for by name (`context.only`).
pub const CODE_ACTION_KINDS: [&str; 4] = [
    CORRECTION_KIND,
    REMOVE_BOILERPLATE_KIND,
    CITE_ALL_KIND,
    SOURCE_HEADER_KIND,
];

/// The argument of [`KEEP_BLOCK`]: the block's text, remembered in the `newsls.toml` of the
/// document's folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepBlockArgs {
    pub uri: Uri,
    pub text: String,
}

/// The argument of [`CORRECT_ENTITY`]: the override as `newsls.toml` holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectEntityArgs {
    pub uri: Uri,
    #[serde(rename = "override")]
    pub rule: EntityOverride,
}

/// The result of [`CITE_ALL`]: how many quotes the applied edit cited (0 when the editor
/// refused it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteAllResult {
    pub cited: usize,
}

/// One entity in the result of [`SHOW_ENTITIES`]; the same shape as `newsls entities --format
/// json` gives for a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntity {
    pub id: String,
    pub name: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: String,
    pub mentions: Vec<Mention>,
}

/// A mention of an entity: its text and where it is, in the negotiated position encoding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub text: String,
    pub range: Range,
}

/// The params of [`DOCUMENT_TEXT`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DocumentTextParams {
    pub text_document: TextDocumentIdentifier,
}

/// The result of [`DOCUMENT_TEXT`]: the version and text the server holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

/// The params of [`WORKSPACE_ENTITIES`]: an optional case-insensitive substring of the name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceEntitiesParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
}

/// One entity of the workspace in the result of [`WORKSPACE_ENTITIES`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceEntity {
    pub id: String,
    pub name: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: String,
    /// Article mentions (outside boilerplate) in the whole workspace.
    pub mentions: usize,
    /// Files that mention it.
    pub files: usize,
}

/// The params of [`ENTITY_MENTIONS`]: an id as [`WORKSPACE_ENTITIES`] gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMentionsParams {
    pub id: String,
}

/// One mention in the result of [`ENTITY_MENTIONS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMention {
    pub uri: Uri,
    pub text: String,
    pub range: Range,
}

/// The params of [`WORKSPACE_QUOTES`]: only the quotes of `uri` when given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceQuotesParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<Uri>,
}

/// The quotes of one speaker in the result of [`WORKSPACE_QUOTES`]; `speaker` null for the
/// quotes newsls found no speaker for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteGroup {
    pub speaker: Option<String>,
    /// The speaker's entity id, when the speaker is an entity of the workspace.
    pub entity_id: Option<String>,
    pub quotes: Vec<QuoteItem>,
}

/// One quotation: where it is, its words (cut at about 100 characters with "…"), whether a
/// `<cite>` holds it, and how sure the speaker is (0 without one; two decimals).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteItem {
    pub uri: Uri,
    pub range: Range,
    pub text: String,
    pub cited: bool,
    pub confidence: f64,
}

/// The argument of [`CITE_QUOTE`]: a quote's range as [`WORKSPACE_QUOTES`] gives it, or any
/// range inside the quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiteQuoteArgs {
    pub uri: Uri,
    pub range: Range,
}

/// Why a command's argument was refused.
#[derive(Debug)]
pub enum ArgumentError {
    Missing,
    /// Not of the command's shape (a wrong type, a missing or unknown field).
    Shape(serde_json::Error),
}

impl std::fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArgumentError::Missing => write!(f, "missing argument"),
            ArgumentError::Shape(e) => write!(f, "argument: {e}"),
        }
    }
}

impl std::error::Error for ArgumentError {}

/// The first argument of a command, read as `T`.
pub fn first_argument<T: DeserializeOwned>(arguments: &[Value]) -> Result<T, ArgumentError> {
    let value = arguments.first().ok_or(ArgumentError::Missing)?;
    serde_json::from_value(value.clone()).map_err(ArgumentError::Shape)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arguments_with_unknown_fields_are_refused_with_a_reason() {
        let wrong = [json!({"uri": "file:///a.txt", "txt": "typo"})];
        let error = first_argument::<KeepBlockArgs>(&wrong)
            .unwrap_err()
            .to_string();
        assert!(error.contains("txt"), "{error}");
        let missing = first_argument::<Uri>(&[]).unwrap_err();
        assert!(matches!(missing, ArgumentError::Missing), "{missing}");
    }
}
