// Where newsls runs. A `.txt` file is not news by itself (notes, requirements.txt, logs), so
// the server starts only for the workspace folders that are news and for files of the `news`
// language (*.news.txt). A workspace folder is news when it has a `newsls.toml` at its top,
// when `newsls.enable` is true for it, or when `newsls.include` is set for it in the
// workspace or folder settings (the user said which files are news there).
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';

export const SETTINGS_FILE = 'newsls.toml';
const SECTION = 'newsls';

export interface NewsFolder {
  uri: vscode.Uri;
  name: string;
  /** why the folder is news: `newsls.toml`, `newsls.enable` or `newsls.include` */
  reason: string;
}

/** Why a workspace folder is news, or undefined when it is not. */
export function newsReason(folder: vscode.WorkspaceFolder): string | undefined {
  if (folder.uri.scheme === 'file' && fs.existsSync(path.join(folder.uri.fsPath, SETTINGS_FILE))) {
    return SETTINGS_FILE;
  }
  const config = vscode.workspace.getConfiguration(SECTION, folder.uri);
  if (config.get<boolean>('enable', false)) return `${SECTION}.enable`;
  const include = config.inspect('include');
  if (include?.workspaceFolderValue !== undefined || include?.workspaceValue !== undefined) {
    return `${SECTION}.include`;
  }
  return undefined;
}

/** The workspace folders that are news, in the workspace's order. */
export function newsFolders(): NewsFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const reason = newsReason(folder);
    return reason ? [{ uri: folder.uri, name: folder.name, reason }] : [];
  });
}

/** Is a document of the `news` language open (it gets the server wherever it is)? */
export function newsDocumentOpen(): boolean {
  return vscode.workspace.textDocuments.some((d) => d.languageId === 'news' && d.uri.scheme === 'file');
}

/**
 * The documents the client serves: plain text inside the news folders, and the `news`
 * language anywhere (in LSP form: a relative pattern's base is a URI string).
 */
export function documentSelector(folders: NewsFolder[]) {
  return [
    ...folders.map((f) => ({ scheme: 'file', language: 'plaintext', pattern: { baseUri: f.uri.toString(), pattern: '**/*' } })),
    { scheme: 'file', language: 'news' },
  ];
}

/** A key that changes when the set of news folders changes (then the server restarts). */
export function foldersKey(folders: NewsFolder[]): string {
  return folders.map((f) => f.uri.toString()).join('\n');
}
