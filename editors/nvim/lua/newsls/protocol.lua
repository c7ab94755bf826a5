-- Generated from src/lsp/contracts.rs and the examples of docs/protocol.md by `NEWSLS_BLESS=1 cargo test --test lsp_protocol contracts`: do not edit.
-- What the newsls server offers beyond LSP; see docs/protocol.md.
return {
  commands = {
    KEEP_BLOCK = 'newsls.keepBlock',
    CITE_ALL = 'newsls.citeAll',
    SHOW_ENTITIES = 'newsls.showEntities',
    CORRECT_ENTITY = 'newsls.correctEntity',
    CITE_QUOTE = 'newsls.citeQuote',
  },
  requests = {
    DOCUMENT_TEXT = 'newsls/documentText',
    WORKSPACE_ENTITIES = 'newsls/workspaceEntities',
    ENTITY_MENTIONS = 'newsls/entityMentions',
    WORKSPACE_QUOTES = 'newsls/workspaceQuotes',
  },
  kinds = {
    REFACTOR_ENTITY = 'refactor.newsls.entity',
    SOURCE_REMOVE_BOILERPLATE = 'source.newsls.removeBoilerplate',
    SOURCE_CITE_ALL = 'source.citeAll.newsls',
    SOURCE_SOURCE_HEADER = 'source.sourceHeader.newsls',
  },
  client_commands = {
    CLIENT_SHOW_REFERENCES = 'newsls.client.showReferences',
    CLIENT_SHOW_QUOTES = 'newsls.client.showQuotes',
  },
}
