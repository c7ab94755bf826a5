// The workspace-wide requests of newsls (issue 22; see docs/protocol.md) as the views use
// them: names and shapes from protocol.ts (generated from the server's contract).
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEntitiesResult, EntityMentionsResult, WorkspaceQuotesResult } from './protocol';

export { WORKSPACE_ENTITIES, ENTITY_MENTIONS, WORKSPACE_QUOTES, CITE_QUOTE, CLIENT_SHOW_QUOTES, CLIENT_SHOW_REFERENCES } from './protocol';
export type { CiteQuoteResult } from './protocol';

export type WorkspaceEntity = WorkspaceEntitiesResult[number];
export type EntityMention = EntityMentionsResult[number];
export type SpeakerQuotes = WorkspaceQuotesResult[number];
export type QuoteItem = SpeakerQuotes['quotes'][number];
export type LspRange = EntityMention['range'];

/** The running client, or undefined (set by extension.ts). */
export type ClientGetter = () => LanguageClient | undefined;

/** A request to the running server; throws when there is none. */
export async function request<T>(getClient: ClientGetter, method: string, params: unknown): Promise<T> {
  const client = getClient();
  if (!client || !client.isRunning()) throw new Error('the newsls server is not running');
  return client.sendRequest<T>(method, params);
}
