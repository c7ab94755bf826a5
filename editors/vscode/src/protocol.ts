// Generated from src/lsp/contracts.rs and the examples of docs/protocol.md by `NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts`: do not edit.
// What the newsls server offers beyond LSP; see docs/protocol.md.

// workspace/executeCommand commands
export const KEEP_BLOCK = 'newsls.keepBlock';
export const CITE_ALL = 'newsls.citeAll';
export const SHOW_ENTITIES = 'newsls.showEntities';
export const CORRECT_ENTITY = 'newsls.correctEntity';
export const CITE_QUOTE = 'newsls.citeQuote';

// requests
export const DOCUMENT_TEXT = 'newsls/documentText';
export const WORKSPACE_ENTITIES = 'newsls/workspaceEntities';
export const ENTITY_MENTIONS = 'newsls/entityMentions';
export const WORKSPACE_QUOTES = 'newsls/workspaceQuotes';

// code action kinds
export const REFACTOR_ENTITY = 'refactor.newsls.entity';
export const SOURCE_REMOVE_BOILERPLATE = 'source.newsls.removeBoilerplate';
export const SOURCE_CITE_ALL = 'source.citeAll.newsls';
export const SOURCE_SOURCE_HEADER = 'source.sourceHeader.newsls';

// commands of the server's code lenses that the client defines
export const CLIENT_SHOW_REFERENCES = 'newsls.client.showReferences';
export const CLIENT_SHOW_QUOTES = 'newsls.client.showQuotes';

/** The result of `newsls.showEntities`. */
export type ShowEntitiesResult = { id: string; name: string; kind: string; mentions: { text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
/** The result of `newsls.citeAll`. */
export type CiteAllResult = { cited: number };
/** The arguments of `newsls.citeQuote`. */
export type CiteQuoteArgs = { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
/** The result of `newsls.citeQuote`. */
export type CiteQuoteResult = { cited: number };
/** The result of `newsls/documentText`. */
export type DocumentTextResult = { version: number; text: string };
/** The params of `newsls/workspaceEntities`. */
export type WorkspaceEntitiesParams = Partial<{ query: string }>;
/** The result of `newsls/workspaceEntities`. */
export type WorkspaceEntitiesResult = { id: string; name: string; kind: string; mentions: number; files: number }[];
/** The params of `newsls/entityMentions`. */
export type EntityMentionsParams = { id: string };
/** The result of `newsls/entityMentions`. */
export type EntityMentionsResult = { uri: string; text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
/** The params of `newsls/workspaceQuotes`. */
export type WorkspaceQuotesParams = Partial<{ uri: string }>;
/** The result of `newsls/workspaceQuotes`. */
export type WorkspaceQuotesResult = { speaker: string | null; entityId: string | null; quotes: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string; cited: boolean; confidence: number }[] }[];
