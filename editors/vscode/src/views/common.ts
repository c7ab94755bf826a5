// What the Entities and Quotes views share: opening a location, short file labels, and a
// debounced refresh.
import * as vscode from 'vscode';
import * as path from 'path';
import type { LspRange } from '../workspace';

/** A command that opens `uri` with `range` selected (a tree item's click). */
export function openCommand(uri: string, range: LspRange, title = 'Open'): vscode.Command {
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  return { command: 'vscode.open', title, arguments: [vscode.Uri.parse(uri), { selection: r, preview: true }] };
}

/** "article.txt:12" (1-based line), how a location reads in the views. */
export function where(uri: string, range: LspRange): string {
  return `${path.basename(vscode.Uri.parse(uri).fsPath)}:${range.start.line + 1}`;
}

/** Calls `fn` once `ms` after the last of a burst of calls. */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; fn(); }, ms);
  };
}

/** The text of a quote shortened for a tree row. */
export function shorten(text: string, max = 70): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1) + '…';
}
