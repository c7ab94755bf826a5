// In-host self-test of the newsls extension, run inside code-server (the real VS Code
// extension host) by the command "newsls e2e: Run self-test", which ui_e2e drives through
// the command palette. It goes through VS Code's own provider commands (so through
// vscode-languageclient and the newsls extension), applies edits with workspace.applyEdit,
// and calls the extension's commands. Expectations for what the classifier finds come from
// the server's CLI (the bundled binary), so the test checks the editor round trip.
//
// env (inherited from code-server): NEWSLS_E2E_FILE (a copy of seed 000 in the workspace),
// NEWSLS_E2E_REPORT (JSON report path), NEWSLS_E2E_PENDING (comma-separated features).
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const FULL_NAME = 'Sergei Lavrov';
const WORD = 'Lavrov';
const QUOTE = '"The timing and other organizational issues have to be coordinated by the nations,"';

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('newsls.e2e.selfTest', async () => {
    let report;
    try {
      report = await selfTest();
    } catch (e) {
      report = { ok: false, error: String((e && e.stack) || e) };
    }
    const p = process.env.NEWSLS_E2E_REPORT;
    if (p) {
      fs.writeFileSync(p + '.tmp', JSON.stringify(report, null, 2));
      fs.renameSync(p + '.tmp', p); // a poller never sees half a file
    }
    return report;
  }));
  // The UI test shows inlay hints for its hint test only (a change of settings.json on disk
  // is not seen reliably by code-server; a change through the API is).
  const hints = (value) => () => vscode.workspace.getConfiguration('editor')
    .update('inlayHints.enabled', value, vscode.ConfigurationTarget.Global);
  context.subscriptions.push(vscode.commands.registerCommand('newsls.e2e.showInlayHints', hints('on')),
    vscode.commands.registerCommand('newsls.e2e.hideInlayHints', hints('offUnlessPressed')));
  // What the newsls extension does in this window (the UI test runs it in a folder of notes):
  // whether it started a client, which folders it serves, which documents have diagnostics.
  context.subscriptions.push(vscode.commands.registerCommand('newsls.e2e.state', async () => {
    const ext = vscode.extensions.getExtension('newsls.newsls');
    const api = ext ? await ext.activate() : undefined;
    const state = {
      activated: !!(ext && ext.isActive),
      client: !!(api && api.client()),
      newsFolders: api ? api.newsFolders() : null,
      documents: vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d.languageId]),
      diagnostics: vscode.languages.getDiagnostics().filter(([, d]) => d.length > 0).map(([u, d]) => [u.fsPath, d.length]),
    };
    const p = process.env.NEWSLS_E2E_STATE;
    if (p) {
      fs.writeFileSync(p + '.tmp', JSON.stringify(state, null, 2));
      fs.renameSync(p + '.tmp', p);
    }
    return state;
  }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return null;
    await sleep(25);
  }
}

async function selfTest() {
  const t0 = Date.now();
  const report = { vscode: vscode.version, checks: [], steps: {} };
  let failed = 0, passed = 0, pending = 0;
  const check = (name, ok, detail) => {
    report.checks.push({ name, ok: !!ok, detail: ok ? undefined : detail });
    if (ok) passed++; else failed++;
    return !!ok;
  };
  const PENDING = new Set((process.env.NEWSLS_E2E_PENDING || '').split(',').map((s) => s.trim()).filter(Boolean));
  const feature = (name, present, title, why) => {
    if (present) return true;
    if (PENDING.has(name)) { report.checks.push({ name: title, pending: true, detail: why }); pending++; }
    else check(title, false, why);
    return false;
  };

  // the newsls extension and its API
  const ext = vscode.extensions.getExtension('newsls.newsls');
  if (!check('newsls extension installed', ext)) return finish();
  const api = await ext.activate();
  const bin = api.serverPath();
  const wsDir = path.dirname(process.env.NEWSLS_E2E_FILE);
  check('the server serves the folder with newsls.toml (and only it)',
    JSON.stringify(api.newsFolders()) === JSON.stringify([{ path: wsDir, reason: 'newsls.toml' }]), api.newsFolders());
  check('server binary is the one bundled in the .vsix (or newsls.path)',
    bin === (vscode.workspace.getConfiguration('newsls').get('path') || path.join(ext.extensionPath, 'server', 'newsls')), bin);
  const oracle = (args, text) => {
    const tmp = path.join(os.tmpdir(), `newsls-oracle-${process.pid}-${Date.now()}.txt`);
    if (text !== undefined) fs.writeFileSync(tmp, text);
    try {
      return execFileSync(bin, text !== undefined ? [...args, tmp] : args, { encoding: 'utf8' });
    } catch (e) {
      if (e.status === 1 && e.stdout) return e.stdout; // findings
      throw e;
    } finally { fs.rmSync(tmp, { force: true }); }
  };
  const cliDiagnostics = (text) => JSON.parse(oracle(['check', '--format', 'json', '--position-encoding', 'utf-16'], text))[0].diagnostics;

  const uri = vscode.Uri.file(process.env.NEWSLS_E2E_FILE);
  const doc = await vscode.workspace.openTextDocument(uri);
  // in a tab, but the focus stays: VS Code's client pulls the diagnostics of the documents in tabs
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: true });
  const original = doc.getText();
  const lines = original.split('\n');
  const want = cliDiagnostics(original);
  const exp = want.map((d) => d.range.start.line).sort((a, b) => a - b);
  const isBoilerplate = (d) => d.message.startsWith('Boilerplate (');

  // 1. diagnostics: what the server computes: boilerplate Hint + Unnecessary (faded), the
  // findings that need a decision (uncited quotes) Information ----------------------------
  let t = Date.now();
  const diags = await waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri);
    const got = d.map((x) => x.range.start.line).sort((a, b) => a - b);
    return d.length && JSON.stringify(got) === JSON.stringify(exp) ? d : null;
  }, 20000);
  report.steps.diagnostics_ms = Date.now() - t;
  const client = api.client();
  const caps = (client && client.initializeResult && client.initializeResult.capabilities) || {};
  report.capabilities = Object.keys(caps);
  const commands = (caps.executeCommandProvider && caps.executeCommandProvider.commands) || [];
  report.commands = commands;
  // the workspace requests of issue 22 (the Entities and Quotes views): absent = MethodNotFound
  report.workspaceRequests = client ? await client.sendRequest('newsls/workspaceEntities', {})
    .then(() => true, (e) => !(e && e.code === -32601)) : false;
  const gotLines = vscode.languages.getDiagnostics(uri).map((d) => d.range.start.line).sort((a, b) => a - b);
  if (check('diagnostics on the lines the server finds', diags, { got: gotLines, exp })) {
    const boiler = diags.filter(isBoilerplate);
    const others = diags.filter((d) => !isBoilerplate(d));
    const unnecessary = (d) => (d.tags || []).includes(vscode.DiagnosticTag.Unnecessary);
    check('boilerplate is tagged Unnecessary (faded), the other findings not',
      boiler.length > 0 && boiler.every(unnecessary) && !others.some(unnecessary), diags.map((d) => [d.message, d.tags]));
    check('severity: boilerplate Hint, uncited quotes Information (the defaults)',
      boiler.every((d) => d.severity === vscode.DiagnosticSeverity.Hint)
        && others.every((d) => d.severity === vscode.DiagnosticSeverity.Information), diags.map((d) => d.severity));
    check('message "Boilerplate (category): ..." and code = category',
      boiler.every((d) => d.message.startsWith(`Boilerplate (${typeof d.code === 'object' ? d.code.value : d.code}`)),
      boiler.map((d) => [d.message, d.code]));
  }

  // 2. hover, definition, references on "Lavrov" in the quote's line ------------------------
  const qline = lines.findIndex((l) => l.startsWith(QUOTE));
  const pos = new vscode.Position(qline, lines[qline].indexOf(WORD, QUOTE.length) + 2);
  if (feature('hover', caps.hoverProvider, 'hover names "Sergei Lavrov" and links the other mentions', 'server has no hoverProvider')) {
    t = Date.now();
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
    report.steps.hover_ms = Date.now() - t;
    const text = (hovers || []).flatMap((h) => h.contents.map((c) => (c.value !== undefined ? c.value : String(c)))).join('\n');
    report.hover = text;
    check('hover names the entity "Sergei Lavrov"', text.includes(FULL_NAME), text);
    const links = [...text.matchAll(/\[([^\]]*)\]\((file:\/\/[^)#]+)[^)]*\)/g)];
    check('hover links the other mentions (file links)', links.length >= 2, text);
    check('each hover link shows its file name and line ("name.txt:12")',
      links.length && links.every(([, label, target]) => label === `${path.basename(vscode.Uri.parse(target).fsPath)}:${label.split(':').pop()}` && /:\d+$/.test(label)),
      links.map((l) => l[1]));
  }
  if (feature('definition', caps.definitionProvider, 'definition: the first full mention', 'server has no definitionProvider')) {
    t = Date.now();
    const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, pos);
    report.steps.definition_ms = Date.now() - t;
    const d = defs && defs[0];
    const range = d && (d.targetSelectionRange || d.targetRange || d.range);
    const target = d && (d.targetUri || d.uri);
    const at = range ? doc.lineAt(range.start.line).text.slice(range.start.character) : null;
    check('definition is the first full mention (line 1, "Sergei Lavrov")',
      target && target.fsPath === uri.fsPath && range.start.line === 0 && at.startsWith(FULL_NAME), { target: target && target.fsPath, range, at });
  }
  if (feature('references', caps.referencesProvider, 'references: every mention in the workspace', 'server has no referencesProvider')) {
    const ents = JSON.parse(oracle(['entities', '--format', 'json', path.dirname(uri.fsPath)]));
    let id; let n = 0;
    for (const f of ents) for (const e of f.entities) if (e.name === FULL_NAME) id = e.id;
    for (const f of ents) for (const e of f.entities) if (e.id === id) n += e.mentions.length;
    t = Date.now();
    const refs = await vscode.commands.executeCommand('vscode.executeReferenceProvider', uri, pos);
    report.steps.references_ms = Date.now() - t;
    check(`references: one per mention in the workspace (${n})`, n >= 5 && refs && refs.length === n, refs && refs.length);
    const texts = [];
    for (const r of refs || []) texts.push((await vscode.workspace.openTextDocument(r.uri)).getText(r.range));
    check('every reference is a mention of Lavrov ("Lavrov", "Sergei Lavrov", "Sergey Lavrov")', texts.length && texts.every((x) => /^[\w.\- ]{0,18}Lavrov$/.test(x)), texts);
  }

  // 3. the remove-boilerplate quick fix ------------------------------------------------------
  // One diagnostic covers a run of flagged blocks (non-blank lines); the cursor on its first
  // line is offered to remove that block alone ("Remove only this block" inside a run).
  const target = want.find((d) => (d.tags || []).includes(1) && lines.slice(d.range.start.line + 1).some((l) => l.trim() !== ''));
  if (check('a boilerplate block with text after it', target && diags)) {
    const first = target.range.start.line;
    const line = new vscode.Range(first, 0, first, lines[first].length);
    t = Date.now();
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, line, vscode.CodeActionKind.QuickFix.value);
    report.steps.code_action_ms = Date.now() - t;
    const last = target.range.end.line - (target.range.end.character === 0 && target.range.end.line > first ? 1 : 0);
    const n = lines.slice(first, last + 1).filter((l) => l.trim() !== '').length;
    const title = n === 1 ? `Remove this boilerplate block (${target.code})` : `Remove only this block (${target.code})`;
    const action = (actions || []).find((a) => a.title === title);
    if (check(`quick fix "${title}" offered`, action && action.edit, (actions || []).map((a) => a.title))) {
      let end = first + 1;
      while (end < lines.length && lines[end].trim() === '') end++;
      const expected = [...lines.slice(0, first), ...lines.slice(end)].join('\n');
      check('edit applied', await vscode.workspace.applyEdit(action.edit));
      check('quick fix removed exactly the block and the blank lines after it', doc.getText() === expected, doc.getText());
      const wantAfter = cliDiagnostics(doc.getText());
      t = Date.now();
      const ok = await waitFor(() => vscode.languages.getDiagnostics(uri).length === wantAfter.length, 5000);
      report.steps.republish_ms = Date.now() - t;
      check('server re-published for the edited text', ok,
        { got: vscode.languages.getDiagnostics(uri).length, want: wantAfter.length });
      const st = await client.sendRequest('newsls/documentText', { textDocument: { uri: uri.toString() } });
      check("server's copy equals the editor's text", st && st.text === doc.getText(), st && st.text);
    }
  }

  // 4. cite a quote ------------------------------------------------------------------------------
  {
    const before = doc.getText().split('\n');
    const row = before.findIndex((l) => l.startsWith(QUOTE));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri,
      new vscode.Range(row, 3, row, 3));
    const titles = (actions || []).map((a) => a.title);
    const cite = (actions || []).find((a) => a.title === `Cite quote: ${FULL_NAME}`);
    if (feature('cite', titles.some((x) => x.startsWith('Cite quote')), 'cite-quote action wraps the quote', `no "Cite quote" action: ${titles.join(' | ')}`)) {
      if (check(`code action "Cite quote: ${FULL_NAME}" offered`, cite, titles)) {
        if (cite.edit) await vscode.workspace.applyEdit(cite.edit);
        if (cite.command) await vscode.commands.executeCommand(cite.command.command, ...(cite.command.arguments || []));
        await waitFor(() => doc.getText() !== before.join('\n'), 5000);
        const after = doc.getText().split('\n');
        const re = new RegExp(`^<cite speaker="${FULL_NAME}"[^>]*>${QUOTE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</cite> Lavrov said\\.$`);
        check('cite action wrapped exactly the quote', re.test(after[row] || ''), after[row]);
        check('cite action changed nothing else', after.length === before.length && after.every((l, i) => i === row || l === before[i]));
      }
    }
  }

  // 5. the extension's commands ------------------------------------------------------------------
  {
    const dest = await vscode.commands.executeCommand('newsls.client.strip', uri);
    const wantStrip = oracle(['strip'], doc.getText());
    const got = dest && fs.existsSync(dest.fsPath) ? fs.readFileSync(dest.fsPath, 'utf8') : null;
    check('"Strip boilerplate to new file" writes <name>.stripped.txt with `newsls strip` output',
      dest && /\.stripped\.txt$/.test(dest.fsPath) && got === wantStrip && got.length < doc.getText().length, { dest: dest && dest.fsPath });
    if (dest) fs.rmSync(dest.fsPath, { force: true });
  }
  if (feature('entities', commands.includes('newsls.showEntities'), '"Show entities of this file" lists Sergei Lavrov', 'server has no newsls.showEntities command')) {
    const ents = await vscode.commands.executeCommand('newsls.client.showEntities', uri);
    check('"Show entities of this file" lists Sergei Lavrov', Array.isArray(ents) && ents.some((e) => e.name === FULL_NAME), ents);
    // the shape of docs/protocol.md: each mention is {text, range}, the text where the range is
    const mentions = (Array.isArray(ents) ? ents : []).flatMap((e) => e.mentions || []);
    check('"Show entities of this file": each mention is {text, range} and the range covers the text',
      mentions.length > 0 && mentions.every((m) => m.range && doc.getText(new vscode.Range(m.range.start.line, m.range.start.character,
        m.range.end.line, m.range.end.character)) === m.text), mentions.slice(0, 3));
  }
  if (feature('citeall', commands.includes('newsls.citeAll'), '"Cite all quotes" adds citation tags', 'server has no newsls.citeAll command')) {
    const count = () => (doc.getText().match(/<cite /g) || []).length;
    const n0 = count();
    await vscode.commands.executeCommand('newsls.client.citeAll', uri);
    await waitFor(() => count() > n0, 5000);
    check('"Cite all quotes" adds citation tags', count() > n0, { before: n0, after: count() });
  }

  // 6. settings: a change is sent to the server, which pulls it (workspace/configuration) -----
  {
    const cfg = vscode.workspace.getConfiguration('newsls');
    await cfg.update('boilerplate.severity', 'warning', vscode.ConfigurationTarget.Global);
    const warned = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length && d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning);
    }, 8000);
    check('setting newsls.boilerplate.severity = warning reaches the server', warned,
      vscode.languages.getDiagnostics(uri).map((x) => x.severity));
    await cfg.update('boilerplate.severity', undefined, vscode.ConfigurationTarget.Global);
    const back = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length && d.every((x) => x.severity === vscode.DiagnosticSeverity.Hint);
    }, 8000);
    check('removing the setting brings back the default (hint)', back);
  }

  // 7. the `news` language: *.news.txt, word wrap on by default ------------------------------------
  {
    const tagged = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(wsDir, 'tagged.news.txt')));
    check('*.news.txt opens as the news language', tagged.languageId === 'news', tagged.languageId);
    check('word wrap is on for the news language',
      vscode.workspace.getConfiguration('editor', { languageId: 'news' }).get('wordWrap') === 'on',
      vscode.workspace.getConfiguration('editor', { languageId: 'news' }).get('wordWrap'));
  }

  // 7b. inlay hints: VS Code gets the speaker hint of an uncited quote (harbour.txt, unchanged)
  {
    const harbour = vscode.Uri.file(path.join(path.dirname(process.env.NEWSLS_E2E_FILE), 'harbour.txt'));
    const hdoc = await vscode.workspace.openTextDocument(harbour);
    const full = new vscode.Range(0, 0, hdoc.lineCount, 0);
    const hints = await waitFor(async () => {
      const h = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', harbour, full);
      return h && h.length ? h : null;
    }, 15000);
    const label = (h) => typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    report.hints = (hints || []).map(label);
    check('inlay hints: "— Anna Berg" after each uncited quote of harbour.txt, with the edits that cite it',
      hints && hints.length === 2 && hints.every((h) => label(h) === '— Anna Berg' && (h.textEdits || []).length === 2), report.hints);
  }

  // 8. status bar and restart ---------------------------------------------------------------------
  check('status bar item shows newsls ready', /\$\(check\) newsls/.test(api.status()), api.status());
  {
    const old = api.client();
    t = Date.now();
    await vscode.commands.executeCommand('newsls.client.restart');
    const fresh = await waitFor(() => { const c = api.client(); return c && c !== old && c.isRunning() ? c : null; }, 10000);
    report.steps.restart_ms = Date.now() - t;
    check('"Restart server" starts a new, running client', fresh);
    check('the old client is stopped', old && !old.isRunning());
  }

  return finish();

  function finish() {
    report.passed = passed; report.failed = failed; report.pending = pending;
    report.ok = failed === 0;
    report.total_ms = Date.now() - t0;
    return report;
  }
}

function deactivate() {}
module.exports = { activate, deactivate };
