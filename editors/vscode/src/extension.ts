// VS Code client for newsls, the language server for scraped plain-text news articles.
//
// Starts the server over stdio (the binary bundled in server/, or the `newsls.path` setting,
// or `newsls` on PATH) only where there is news (see scope.ts): plain-text files inside the
// workspace folders that are news, and the `news` language (*.news.txt); a folder of notes or
// a code project gets no server at all. The server is told only those folders. Passes the
// `newsls.*` settings that the user set as initializationOptions and serves them to
// workspace/configuration; shows indexing progress and errors in a status bar item and the
// server's log in the "newsls" output channel; adds commands for restart, entities, citing
// all quotes and stripping boilerplate to a new file, and the Entities and Quotes views of
// the whole workspace (views/).
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  ExecuteCommandRequest,
  CloseAction,
  ErrorAction,
  InitializeParams,
} from 'vscode-languageclient/node';
import { NewsFolder, newsFolders, newsDocumentOpen, documentSelector, foldersKey, SETTINGS_FILE } from './scope';
import { CITE_ALL, SHOW_ENTITIES, CiteAllResult, ShowEntitiesResult } from './protocol';
import { Views, registerViews } from './views';

const SECTION = 'newsls';
/** Settings the server reads (section `newsls`); `path` and `trace` are the client's own. */
const SERVER_KEYS = ['include', 'exclude', 'maxFileSize', 'boilerplate.enabled', 'boilerplate.severity', 'boilerplate.keep', 'overview.severity'];

let client: LanguageClient | undefined;
/** The news folders the running client was started for (see scope.ts). */
let clientFolders: NewsFolder[] = [];
let status: vscode.StatusBarItem;
let output: vscode.LogOutputChannel;
let traceOutput: vscode.LogOutputChannel;
let extensionPath = '';
let lastError: string | undefined;
let views: Views | undefined;

/** The server binary: `newsls.path`, else the bundled one, else `newsls` on PATH. */
export function serverPath(): string {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('path', '').trim();
  if (configured) {
    return configured.startsWith('~/') ? path.join(os.homedir(), configured.slice(2)) : configured;
  }
  const bundled = path.join(extensionPath, 'server', process.platform === 'win32' ? 'newsls.exe' : 'newsls');
  return fs.existsSync(bundled) ? bundled : 'newsls';
}

/**
 * The `newsls` settings the user set somewhere (user, workspace or folder), nested as the
 * server expects. Defaults are left out, so that `newsls.toml` still applies to whatever the
 * user did not set in VS Code.
 */
export function explicitSettings(scope?: vscode.ConfigurationScope): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const out: Record<string, any> = {};
  for (const key of SERVER_KEYS) {
    const i = config.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value === undefined) continue;
    const parts = key.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = at[p] ??= {};
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

function setStatus(kind: 'starting' | 'progress' | 'ready' | 'error' | 'stopped', detail?: string) {
  const icon = { starting: '$(sync~spin)', progress: '$(sync~spin)', ready: '$(check)', error: '$(error)', stopped: '$(circle-slash)' }[kind];
  status.text = `${icon} newsls${detail ? ': ' + detail : ''}`;
  status.tooltip = kind === 'error' ? `newsls: ${lastError ?? 'error'} (click for the log)` : `newsls ${kind}${detail ? ': ' + detail : ''} (click for the log)`;
  status.backgroundColor = kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  status.show();
}

/** A client that tells the server only the news folders, not every workspace folder. */
class NewsClient extends LanguageClient {
  constructor(serverOptions: ServerOptions, clientOptions: LanguageClientOptions, private readonly folders: NewsFolder[]) {
    super('newsls', 'newsls', serverOptions, clientOptions);
  }

  protected fillInitializeParams(params: InitializeParams): void {
    super.fillInitializeParams(params);
    params.workspaceFolders = this.folders.map((f) => ({ uri: f.uri.toString(), name: f.name }));
    params.rootUri = this.folders.length ? this.folders[0].uri.toString() : null;
    params.rootPath = this.folders.length ? this.folders[0].uri.fsPath : null;
  }
}

function createClient(folders: NewsFolder[]): LanguageClient {
  const command = serverPath();
  const serverOptions: ServerOptions = {
    // no `transport`: stdio without an extra `--stdio` argument (`newsls` = LSP on stdio)
    run: { command, args: [], options: { env: process.env } },
    debug: { command, args: [], options: { env: { ...process.env, NEWSLS_LOG: 'debug' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(folders),
    outputChannel: output,
    traceOutputChannel: traceOutput,
    initializationOptions: explicitSettings(),
    errorHandler: {
      error: (error) => {
        lastError = String(error?.message ?? error);
        setStatus('error', 'connection error');
        return { action: ErrorAction.Continue };
      },
      closed: () => {
        lastError = 'the server stopped';
        setStatus('error', 'server stopped');
        return { action: CloseAction.DoNotRestart };
      },
    },
    initializationFailedHandler: (error) => {
      lastError = `could not start ${command}: ${error?.message ?? error}`;
      setStatus('error', 'failed to start');
      output.appendLine(lastError);
      return false;
    },
    middleware: {
      workspace: {
        workspaceFolders: () => folders.map((f) => ({ uri: f.uri.toString(), name: f.name })),
        // a change of the news folders restarts the server (refresh), other folders are not its business
        didChangeWorkspaceFolders: async () => undefined,
        // serve only what the user set (see explicitSettings), not VS Code's defaults
        configuration: (params) =>
          params.items.map((item) => {
            if (item.section !== SECTION) return null;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return explicitSettings(scope);
          }),
      },
      // mirror $/progress (workspace indexing) in the status bar; VS Code's own
      // progress notification still runs (next)
      handleWorkDoneProgress: (token, params, next) => {
        if (params.kind === 'begin') {
          setStatus('progress', params.title + (params.message ? ` ${params.message}` : ''));
        } else if (params.kind === 'report') {
          const pct = params.percentage !== undefined ? ` ${params.percentage}%` : '';
          setStatus('progress', `${params.message ?? 'indexing'}${pct}`);
        } else {
          setStatus('ready', params.message);
          views?.refreshSoon(); // indexing done: the workspace views have new data
        }
        next(token, params);
      },
    },
  };
  const c = new NewsClient(serverOptions, clientOptions, folders);
  c.onDidChangeState((e) => {
    if (c !== client) return; // a client being replaced
    if (e.newState === State.Starting) setStatus('starting');
    else if (e.newState === State.Running) { setStatus('ready'); views?.refreshSoon(); }
    else if (e.newState === State.Stopped && !status.text.includes('$(error)')) setStatus('stopped');
  });
  return c;
}

async function startClient(folders: NewsFolder[]) {
  lastError = undefined;
  clientFolders = folders;
  client = createClient(folders);
  await vscode.commands.executeCommand('setContext', 'newsls.active', true);
  output.appendLine(folders.length
    ? `news folders: ${folders.map((f) => `${f.uri.fsPath} (${f.reason})`).join(', ')}`
    : 'no news folder: serving *.news.txt files only');
  setStatus('starting');
  try {
    await client.start();
  } catch (e: any) {
    lastError = String(e?.message ?? e);
    output.appendLine(`newsls failed to start: ${lastError}`);
    setStatus('error', 'failed to start');
  }
}

async function stopClient() {
  const old = client;
  client = undefined;
  clientFolders = [];
  if (old) {
    try { await old.stop(5000); } catch { /* already stopped */ }
  }
  await vscode.commands.executeCommand('setContext', 'newsls.active', false);
  status?.hide();
}

/** Starts, restarts or stops the server to match where there is news now (`force`: restart anyway). */
async function reconcile(force: boolean) {
  const folders = newsFolders();
  if (folders.length === 0 && !newsDocumentOpen()) {
    if (client) output.appendLine('no news here any more: server stopped');
    await stopClient();
    return;
  }
  if (client && !force && foldersKey(folders) === foldersKey(clientFolders)) return;
  await stopClient();
  await startClient(folders);
}

let queue: Promise<void> = Promise.resolve();
/** reconcile(), one at a time (events come in bursts). */
function refresh(force = false): Promise<void> {
  queue = queue.then(() => reconcile(force), () => reconcile(force));
  return queue;
}

async function restart() {
  await refresh(true);
  if (!client) vscode.window.showInformationMessage(`newsls: no news here: add a ${SETTINGS_FILE} to the folder, set newsls.enable, or open a *.news.txt file`);
}

function activeNewsDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    vscode.window.showWarningMessage('newsls: open a news article first');
    return undefined;
  }
  return doc;
}

/** Runs a server command (its name and result type from protocol.ts, generated from the server's contract). */
async function executeServerCommand<T>(command: string, args: unknown[]): Promise<T> {
  if (!client || !client.isRunning()) throw new Error('the newsls server is not running');
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

/** "newsls: Show entities of this file": a quick pick of the entities; picking one selects its first mention. */
async function showEntities(uri?: vscode.Uri): Promise<ShowEntitiesResult | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeNewsDocument();
  if (!doc) return undefined;
  let entities: ShowEntitiesResult;
  try {
    entities = await executeServerCommand<ShowEntitiesResult>(SHOW_ENTITIES, [doc.uri.toString()]);
  } catch (e: any) {
    vscode.window.showErrorMessage(`newsls: entities: ${e?.message ?? e}`);
    return undefined;
  }
  if (uri) return entities; // called from code (tests, other extensions): no UI
  const items = entities.map((e) => ({
    label: e.name,
    description: e.kind,
    detail: `${e.mentions.length} mention(s)`,
    entity: e,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `Entities of ${path.basename(doc.fileName)}`, matchOnDescription: true });
  const first = picked?.entity.mentions[0];
  if (first && client) {
    const selection = client.protocol2CodeConverter.asRange(first.range);
    await vscode.window.showTextDocument(doc, { selection });
  }
  return entities;
}

/** "newsls: Cite all quotes": the server wraps every attributed quote (its edit comes back as workspace/applyEdit). */
async function citeAll(uri?: vscode.Uri): Promise<CiteAllResult | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeNewsDocument();
  if (!doc) return undefined;
  try {
    return await executeServerCommand<CiteAllResult>(CITE_ALL, [doc.uri.toString()]);
  } catch (e: any) {
    vscode.window.showErrorMessage(`newsls: cite all quotes: ${e?.message ?? e}`);
    return undefined;
  }
}

/** "newsls: Strip boilerplate to new file": `newsls strip` on the editor's text, written to <name>.stripped.txt and opened. */
async function strip(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeNewsDocument();
  if (!doc) return undefined;
  const tmp = path.join(os.tmpdir(), `newsls-strip-${process.pid}-${Date.now()}.txt`);
  fs.writeFileSync(tmp, doc.getText());
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(serverPath(), ['strip', tmp], { maxBuffer: 256 * 1024 * 1024 }, (err, out, errOut) =>
        err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)));
    const base = doc.uri.scheme === 'file' ? doc.fileName : path.join(os.tmpdir(), 'untitled.txt');
    const dest = base.replace(/(\.news)?\.txt$/i, '') + '.stripped.txt';
    fs.writeFileSync(dest, stdout);
    const destUri = vscode.Uri.file(dest);
    await vscode.window.showTextDocument(destUri, { preview: false });
    return destUri;
  } catch (e: any) {
    output.appendLine(`strip failed: ${e?.message ?? e}`);
    vscode.window.showErrorMessage(`newsls: strip failed: ${e?.message ?? e}`);
    return undefined;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export async function activate(context: vscode.ExtensionContext) {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('newsls', { log: true });
  traceOutput = vscode.window.createOutputChannel('newsls (trace)', { log: true });
  status = vscode.window.createStatusBarItem('newsls.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'newsls';
  status.command = 'newsls.client.showLog';
  context.subscriptions.push(output, traceOutput, status,
    vscode.commands.registerCommand('newsls.client.restart', restart),
    vscode.commands.registerCommand('newsls.client.showEntities', showEntities),
    vscode.commands.registerCommand('newsls.client.citeAll', citeAll),
    vscode.commands.registerCommand('newsls.client.strip', strip),
    vscode.commands.registerCommand('newsls.client.showLog', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        await refresh(true);
        return;
      }
      if (e.affectsConfiguration(`${SECTION}.enable`) || e.affectsConfiguration(`${SECTION}.include`)) await refresh();
      if (client?.isRunning()) {
        // the server pulls the new values with workspace/configuration
        await client.sendNotification('workspace/didChangeConfiguration', { settings: { [SECTION]: explicitSettings() } });
      }
    }),
  );
  views = registerViews(context, () => client);
  // where there is news can change: folders, settings (above), a newsls.toml, a news file opened
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${SETTINGS_FILE}`, false, true, false);
  context.subscriptions.push(watcher,
    watcher.onDidCreate(() => refresh()),
    watcher.onDidDelete(() => refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => refresh()),
    vscode.workspace.onDidOpenTextDocument((d) => { if (d.languageId === 'news' && !client) refresh(); }),
  );
  output.appendLine(`newsls extension ${context.extension.packageJSON.version}, server ${serverPath()}`);
  await refresh();
  // the API other extensions (and the e2e self-test) can use
  return {
    serverPath,
    client: () => client,
    newsFolders: () => clientFolders.map((f) => ({ path: f.uri.fsPath, reason: f.reason })),
    explicitSettings,
    status: () => status.text,
    views: () => views,
  };
}

export async function deactivate() {
  if (client) await client.stop();
}
