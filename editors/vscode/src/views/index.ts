// Registers the Entities and Quotes views, their commands, the client-side commands of the
// code lenses (newsls.client.showReferences, newsls.client.showQuotes), and refreshes the
// views (debounced) after saves and when the server finishes indexing.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_SHOW_QUOTES, CLIENT_SHOW_REFERENCES, ClientGetter } from '../workspace';
import { EntitiesView } from './entities';
import { QuotesView } from './quotes';
import { debounce } from './common';

export interface Views {
  entities: EntitiesView;
  quotes: QuotesView;
  /** Refreshes both views a moment later (bursts of saves and progress collapse into one). */
  refreshSoon: () => void;
}

export function registerViews(context: vscode.ExtensionContext, client: ClientGetter): Views {
  const entities = new EntitiesView(client);
  const quotes = new QuotesView(client);
  entities.view = vscode.window.createTreeView('newsls.entities', { treeDataProvider: entities, showCollapseAll: true });
  quotes.view = vscode.window.createTreeView('newsls.quotes', { treeDataProvider: quotes, showCollapseAll: true });
  const refreshAll = () => { entities.refresh(); quotes.refresh(); };
  const refreshSoon = debounce(refreshAll, 800);
  context.subscriptions.push(entities.view, quotes.view,
    vscode.commands.registerCommand('newsls.client.refreshViews', refreshAll),
    vscode.commands.registerCommand('newsls.client.filterEntities', () => entities.filter()),
    vscode.commands.registerCommand('newsls.client.citeQuoteFromTree', (node) => quotes.cite(node)),
    vscode.commands.registerCommand('newsls.client.showAllQuotes', () => quotes.showFile(undefined)),
    vscode.commands.registerCommand(CLIENT_SHOW_QUOTES, (uri?: string) =>
      quotes.showFile(uri ?? vscode.window.activeTextEditor?.document.uri.toString())),
    vscode.commands.registerCommand(CLIENT_SHOW_REFERENCES, (uri: string, position: unknown, locations: unknown[]) =>
      showReferences(client(), uri, position, locations)),
    vscode.workspace.onDidSaveTextDocument(() => refreshSoon()),
  );
  return { entities, quotes, refreshSoon };
}

/** The entity lens: VS Code's references peek at the lens, from the LSP locations the lens carries. */
async function showReferences(client: LanguageClient | undefined, uri: string, position: any, locations: any[]) {
  if (!client) return;
  const p2c = client.protocol2CodeConverter;
  const locs = await Promise.all((locations ?? []).map((l) => p2c.asLocation(l)));
  await vscode.commands.executeCommand('editor.action.showReferences', p2c.asUri(uri), p2c.asPosition(position), locs);
}
