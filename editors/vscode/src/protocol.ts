// Generated from src/lsp/contracts.rs and the examples of docs/protocol.md by `NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts`: do not edit.
// What the newsls server offers beyond LSP; see docs/protocol.md.

// workspace/executeCommand commands
export const KEEP_BLOCK = 'newsls.keepBlock';
export const CITE_ALL = 'newsls.citeAll';
export const SHOW_ENTITIES = 'newsls.showEntities';
export const CORRECT_ENTITY = 'newsls.correctEntity';

// requests
export const DOCUMENT_TEXT = 'newsls/documentText';

// code action kinds
export const REFACTOR_ENTITY = 'refactor.newsls.entity';
export const SOURCE_REMOVE_BOILERPLATE = 'source.newsls.removeBoilerplate';
export const SOURCE_CITE_ALL = 'source.citeAll.newsls';
export const SOURCE_SOURCE_HEADER = 'source.sourceHeader.newsls';

/** The result of `newsls.showEntities`. */
export type ShowEntitiesResult = { id: string; name: string; kind: string; mentions: { text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
/** The result of `newsls.citeAll`. */
export type CiteAllResult = { cited: number };
/** The result of `newsls/documentText`. */
export type DocumentTextResult = { version: number; text: string };
