// The Quotes view: the quotations of the workspace (newsls/workspaceQuotes) by speaker, each
// cited or not with the attribution's confidence; a click opens the quote, and the inline
// "Cite" action on an uncited quote wraps it (newsls.citeQuote, the server's applyEdit).
// The code lens "N quotes, M cited" narrows the view to one file (showFile).
import * as vscode from 'vscode';
import * as path from 'path';
import { CITE_QUOTE, CiteQuoteResult, ClientGetter, QuoteItem, SpeakerQuotes, WORKSPACE_QUOTES, request } from '../workspace';
import { openCommand, shorten, where } from './common';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';

type Node =
  | { type: 'speaker'; group: SpeakerQuotes }
  | { type: 'quote'; quote: QuoteItem; speaker: string | null };

export class QuotesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Only this file's quotes (set by the code lens), or all of the workspace. */
  file: string | undefined;
  groups: SpeakerQuotes[] = [];
  view?: vscode.TreeView<Node>;

  constructor(private readonly client: ClientGetter) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Narrows the view to one file's quotes (undefined: the whole workspace) and shows it. */
  async showFile(uri: string | undefined): Promise<void> {
    this.file = uri;
    if (this.view) this.view.description = uri ? path.basename(vscode.Uri.parse(uri).fsPath) : undefined;
    await vscode.commands.executeCommand('setContext', 'newsls.quotesFiltered', !!uri);
    this.refresh();
    await vscode.commands.executeCommand('newsls.quotes.focus');
  }

  /** The inline action: cites one quote; returns the server's answer. */
  async cite(node?: Node): Promise<CiteQuoteResult | undefined> {
    if (!node || node.type !== 'quote') return undefined;
    const client = this.client();
    if (!client || !client.isRunning()) return undefined;
    try {
      const res = await client.sendRequest(ExecuteCommandRequest.type, {
        command: CITE_QUOTE, arguments: [{ uri: node.quote.uri, range: node.quote.range }],
      }) as CiteQuoteResult;
      if (!res || !res.cited) vscode.window.showInformationMessage('newsls: the quote was not cited (it changed or has no speaker)');
      return res;
    } catch (e: any) {
      vscode.window.showErrorMessage(`newsls: cite quote: ${e?.message ?? e}`);
      return undefined;
    } finally {
      this.refresh();
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'speaker') {
      const g = node.group;
      const cited = g.quotes.filter((q) => q.cited).length;
      const item = new vscode.TreeItem(g.speaker ?? 'Unattributed', vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${g.quotes.length} quote${g.quotes.length === 1 ? '' : 's'}, ${cited} cited`;
      item.iconPath = new vscode.ThemeIcon(g.speaker ? 'person' : 'question');
      item.id = `speaker:${g.entityId ?? g.speaker ?? '?'}`;
      return item;
    }
    const q = node.quote;
    const item = new vscode.TreeItem(shorten(q.text), vscode.TreeItemCollapsibleState.None);
    item.description = `${where(q.uri, q.range)} · ${q.confidence.toFixed(2)}`;
    item.iconPath = new vscode.ThemeIcon(q.cited ? 'pass-filled' : 'circle-large-outline');
    item.tooltip = `${q.cited ? 'Cited' : 'Not cited'}; ${node.speaker ? `speaker ${node.speaker}` : 'no speaker'} (confidence ${q.confidence.toFixed(2)})\n${q.text}`;
    item.contextValue = q.cited ? 'quote.cited' : node.speaker ? 'quote.uncited' : 'quote.unattributed';
    item.command = openCommand(q.uri, q.range, 'Open the quote');
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.type === 'speaker') return node.group.quotes.map((quote) => ({ type: 'quote' as const, quote, speaker: node.group.speaker }));
    if (node) return [];
    try {
      this.groups = await request<SpeakerQuotes[]>(this.client, WORKSPACE_QUOTES, this.file ? { uri: this.file } : {});
      if (this.view) this.view.message = this.groups.length ? undefined : 'No quotes found yet.';
      return this.groups.map((group) => ({ type: 'speaker' as const, group }));
    } catch (e: any) {
      if (this.view) this.view.message = `newsls: ${e?.message ?? e}`;
      return [];
    }
  }
}
