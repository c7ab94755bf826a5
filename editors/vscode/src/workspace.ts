// The workspace-wide requests of newsls (issue 22; see docs/protocol.md): the entities and
// quotes of every indexed file, for the Entities and Quotes views and the code lenses.
import type { LanguageClient } from 'vscode-languageclient/node';

export const WORKSPACE_ENTITIES = 'newsls/workspaceEntities';
export const ENTITY_MENTIONS = 'newsls/entityMentions';
export const WORKSPACE_QUOTES = 'newsls/workspaceQuotes';
export const CITE_QUOTE = 'newsls.citeQuote';

export type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
export type WorkspaceEntity = { id: string; name: string; kind: string; mentions: number; files: number };
export type EntityMention = { uri: string; text: string; range: LspRange };
export type QuoteItem = { uri: string; range: LspRange; text: string; cited: boolean; confidence: number };
export type SpeakerQuotes = { speaker: string | null; entityId: string | null; quotes: QuoteItem[] };
export type CiteQuoteResult = { cited: number };

/** The running client, or undefined (set by extension.ts). */
export type ClientGetter = () => LanguageClient | undefined;

/** A request to the running server; throws when there is none. */
export async function request<T>(getClient: ClientGetter, method: string, params: unknown): Promise<T> {
  const client = getClient();
  if (!client || !client.isRunning()) throw new Error('the newsls server is not running');
  return client.sendRequest<T>(method, params);
}
