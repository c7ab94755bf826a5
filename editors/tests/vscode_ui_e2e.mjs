// newsls in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) driven in
// Debian's Chromium by playwright-core, as a person would. First a folder of notes: no server,
// nothing faded, and saving (with codeActionsOnSave source.fixAll) writes exactly what was
// typed. Then the articles: the faded boilerplate and the status bar item, hover, F12, Ctrl+.
// quick fix, command palette, saving an article with a flagged appeal (the bytes on disk are
// what was typed), a *.news.txt file (word wrap, citation tags coloured), and the whole
// workspace (vscode/views.mjs: Problems panel, code lens, inlay hint, Entities and Quotes views).
// It also runs the in-host self-test (command "newsls e2e: Run self-test") and counts its checks.
//
// env: CS_URL (http://127.0.0.1:PORT/?folder=/abs/ws), NOTES_URL (the same for the notes),
//      EXT_DIR (code-server's extensions dir: the bundled server runs from there),
//      NEWSLS_E2E_STATE (where the self-test extension reports the notes window's state),
//      OUT (screenshots, result JSON),
//      PW_DIR (dir whose node_modules has playwright-core), API_REPORT (self-test report path),
//      PENDING (comma-separated features), NEWSLS_BIN (for the CLI oracle)
import { createRequire } from 'module';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { viewsTests } from './vscode/views.mjs';

const require = createRequire(path.join(process.env.PW_DIR, 'x.js'));
const { chromium } = require('playwright-core');

const OUT = process.env.OUT;
const FILE = '000_a66d8d7f1149ab9a.txt';
const PENDING = new Set((process.env.PENDING || '').split(',').map((s) => s.trim()).filter(Boolean));
const t0 = Date.now();
const result = { checks: [], steps: {}, screenshots: [] };
let failed = 0, passed = 0, pending = 0;
const log = (...a) => console.error(`[${String(Date.now() - t0).padStart(6)} ms]`, ...a);
function check(name, ok, detail) {
  result.checks.push({ name, ok: !!ok, detail: ok ? undefined : detail });
  if (ok) passed++; else failed++;
  log(ok ? 'PASS' : 'FAIL', name, ok ? '' : JSON.stringify(detail ?? null).slice(0, 400));
  return !!ok;
}
function feature(name, present, title, why) {
  if (present) return true;
  if (PENDING.has(name)) { result.checks.push({ name: title, pending: true, detail: why }); pending++; log('PEND', title, '--', why); }
  else check(title, false, why);
  return false;
}
async function shot(page, name, clip) {   // clip: {x, y, width, height} for a part of the window
  const p = path.join(OUT, name);
  await page.screenshot({ path: p, clip });
  result.screenshots.push(p);
}
async function step(name, fn) {
  const t = Date.now();
  try { return await fn(); } finally { result.steps[name + '_ms'] = Date.now() - t; }
}

// what the server computes for the article (its CLI), in 0-based lines
const wsDir = new URL(process.env.CS_URL).searchParams.get('folder');
const articleText = fs.readFileSync(path.join(wsDir, FILE), 'utf8');
const articleLines = articleText.split('\n');
let cli;
try { cli = execFileSync(process.env.NEWSLS_BIN, ['check', '--format', 'json', path.join(wsDir, FILE)], { encoding: 'utf8' }); }
catch (e) { cli = e.stdout; }
const wantDiags = JSON.parse(cli)[0].diagnostics;
// the flagged block to remove: the first line of a boilerplate diagnostic (one diagnostic covers a run
// of flagged blocks, which may reach the end of the article)
const target = wantDiags.find((d) => (d.tags || []).includes(1)); // boilerplate (tagged Unnecessary)
const targetBlocks = articleLines.slice(target.range.start.line, target.range.end.line + 1).filter((l) => l.trim() !== '').length;
const targetText = articleLines[target.range.start.line];
const targetWords = targetText.split(/\s+/).slice(0, 3).join(' ');
const cleanLine = articleLines.find((l, i) => l.trim() && !wantDiags.some((d) => d.range.start.line <= i && i <= d.range.end.line));

const editorText = (page) => page.evaluate(() => {
  const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')];
  lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
});
// Where a word is drawn: the rendered line containing `lineHas`, then the nth `word` in it.
const wordBox = (page, lineHas, word, nth = 0) => page.evaluate(([lineHas, word, nth]) => {
  const line = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
    .find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineHas));
  if (!line) return null;
  const text = line.textContent.replace(/\u00a0/g, ' ');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  if (at < 0) return null;
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let off = 0, n, started = false;
  while ((n = walker.nextNode())) {
    const len = n.textContent.length;
    if (!started && at < off + len) { range.setStart(n, at - off); started = true; }
    if (started && at + word.length <= off + len) { range.setEnd(n, at + word.length - off); break; }
    off += len;
  }
  const r = range.getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2, top: r.top, bottom: r.bottom };
}, [lineHas, word, nth]);
// Is a line (found by its text) covered by the faded "unnecessary" decoration?
const faded = (page, lineHas) => page.evaluate((lineHas) => {
  const line = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
    .find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineHas));
  if (!line) return null;
  const lr = line.getBoundingClientRect();
  return [...document.querySelectorAll('.editor-instance .squiggly-inline-unnecessary')].some((d) => {
    const r = d.getBoundingClientRect();
    return r.width > 0 && r.top < lr.bottom - 1 && r.bottom > lr.top + 1;
  });
}, lineHas);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsls-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(30000);

// Opens a file of the folder with Ctrl+P and waits until its text is drawn.
async function openFile(name) {
  await page.click('.monaco-workbench .part.editor');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${name}"]`);
  await page.waitForSelector('.editor-instance .view-lines .view-line');
}
// Loads the workbench on a folder and waits for the explorer to list `file`.
async function loadFolder(url, file) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60000 });
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${file}"]`, { timeout: 60000 });
}
// Types `typed` at the end of the file `name` (open in the active editor), saves with Ctrl+S
// (running the codeActionsOnSave), waits until the tab is clean; returns the bytes on disk.
async function typeAndSave(dir, name, typed) {
  await page.keyboard.press('Control+End');
  await page.keyboard.type(typed);
  await page.waitForSelector(`.tab.dirty[aria-label*="${name}"]`, { timeout: 10000 }).catch(() => null);
  await page.keyboard.press('Control+S');
  await page.waitForFunction((n) => ![...document.querySelectorAll('.tab.dirty')].some((t) => (t.getAttribute('aria-label') || '').includes(n)),
    name, { timeout: 20000 }).catch(() => null);
  await page.waitForTimeout(300);
  return fs.readFileSync(path.join(dir, name), 'utf8');
}
// newsls servers running from this test's extensions dir
function serverProcesses() {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(`${process.env.EXT_DIR}/`) && /\/server\/newsls(\s|$)/.test(l)).map((l) => l.trim());
}
const newslsStatus = () => page.evaluate(() => [...document.querySelectorAll('.statusbar-item')]
  .map((e) => e.getAttribute('aria-label') || e.textContent).find((t) => /newsls/.test(t || '')) || null);
// The colour a character is drawn in: the nth `word` of the line containing `lineHas`.
const colorOf = (page, lineHas, word, nth = 0) => page.evaluate(([lineHas, word, nth]) => {
  const line = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
    .find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(lineHas));
  if (!line) return null;
  const text = line.textContent.replace(/\u00a0/g, ' ');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  if (at < 0) return null;
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  let off = 0, n;
  while ((n = walker.nextNode())) {
    if (at < off + n.textContent.length) return getComputedStyle(n.parentElement).color;
    off += n.textContent.length;
  }
  return null;
}, [lineHas, word, nth]);

async function palette(command) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(command);
  const row = await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${command}"]`, { timeout: 10000 }).catch(() => null);
  if (!row) { await page.keyboard.press('Escape'); return false; }
  await page.keyboard.press('Enter');
  return true;
}

try {
  // 0. a folder of notes (requirements.txt, notes.txt): not news, so newsls stays out --------
  const notesDir = new URL(process.env.NOTES_URL).searchParams.get('folder');
  await step('notes', async () => {
    await loadFolder(process.env.NOTES_URL, 'requirements.txt');
    await openFile('notes.txt');
    await openFile('requirements.txt');
    // the newsls extension is activated by the plain-text files: ask it what it started
    // (the old extension had its server up and diagnostics published by now)
    const state = await palette('newsls e2e: Report newsls state').then(async (ok) => {
      const t = Date.now();
      while (ok && !fs.existsSync(process.env.NEWSLS_E2E_STATE) && Date.now() - t < 30000) await new Promise((r) => setTimeout(r, 100));
      return fs.existsSync(process.env.NEWSLS_E2E_STATE) ? JSON.parse(fs.readFileSync(process.env.NEWSLS_E2E_STATE, 'utf8')) : null;
    });
    result.notes_state = state;
    check('notes: the newsls extension is active and started no client', state && state.activated && !state.client
      && Array.isArray(state.newsFolders) && state.newsFolders.length === 0, state);
    check('notes: no diagnostics on the notes', state && state.diagnostics.length === 0, state && state.diagnostics);
    await page.waitForTimeout(1000);
    check('notes: no newsls server process', serverProcesses().length === 0, serverProcesses());
    check('notes: no newsls status bar item', (await newslsStatus()) === null, await newslsStatus());
    check('notes: nothing faded in requirements.txt',
      (await page.$$('.editor-instance .squiggly-inline-unnecessary')).length === 0);
    const original = fs.readFileSync(path.join(notesDir, 'requirements.txt'), 'utf8');
    const typed = 'scipy==1.13.0';
    const disk = await typeAndSave(notesDir, 'requirements.txt', typed);
    check('notes: saving requirements.txt writes exactly what was typed', disk === original + typed, disk);
    await shot(page, 'vscode-notes.png');
  });

  // 1. the articles ------------------------------------------------------------------------------
  await step('workbench_load', () => loadFolder(process.env.CS_URL, FILE));
  check('workbench loaded with the articles folder', true);

  await step('open_file', () => openFile(FILE));
  check('article opened', (await editorText(page)).includes('North Korean leader'));

  // faded boilerplate: the Unnecessary tag renders as .squiggly-inline-unnecessary
  const fadedOk = await step('faded', () => page.waitForFunction(([a]) => {
    const line = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
      .find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(a));
    if (!line) return false;
    const lr = line.getBoundingClientRect();
    return [...document.querySelectorAll('.editor-instance .squiggly-inline-unnecessary')]
      .some((d) => { const r = d.getBoundingClientRect(); return r.width > 0 && r.top < lr.bottom - 1 && r.bottom > lr.top + 1; });
  }, [targetWords], { timeout: 20000 }).then(() => true).catch(() => false));
  check(`boilerplate line is faded ("${targetWords}...")`, fadedOk);
  check('article prose is not faded', (await faded(page, cleanLine.slice(0, 40))) === false, cleanLine.slice(0, 40));

  // status bar item: indexing done, no error
  const statusText = await page.waitForFunction(() => {
    const s = [...document.querySelectorAll('.statusbar-item')].map((e) => e.getAttribute('aria-label') || e.textContent)
      .find((t) => /newsls/.test(t || ''));
    return s && !/Indexing|starting/i.test(s) ? s : null;
  }, null, { timeout: 15000 }).then((h) => h.jsonValue()).catch(() => null);
  check('status bar item shows newsls (ready)', statusText && !/error|failed|stopped/i.test(statusText), statusText);

  // in-host self-test through the command palette (runs against a copy of the article)
  const ranSelftest = await step('selftest', async () => {
    if (!(await palette('newsls e2e: Run self-test'))) return false;
    const t = Date.now();
    while (!fs.existsSync(process.env.API_REPORT) && Date.now() - t < 60000) await new Promise((r) => setTimeout(r, 100));
    return fs.existsSync(process.env.API_REPORT);
  });
  const rep = ranSelftest ? JSON.parse(fs.readFileSync(process.env.API_REPORT, 'utf8')) : null;
  result.api_report = rep;
  if (check('in-host self-test ran', rep && !rep.error, rep && rep.error)) {
    for (const c of rep.checks) {
      if (c.pending) { pending++; result.checks.push({ ...c, name: 'api: ' + c.name }); log('PEND', 'api: ' + c.name, '--', c.detail); }
      else check('api: ' + c.name, c.ok, c.detail);
    }
  }
  const caps = new Set((rep && rep.capabilities) || []);
  await page.keyboard.press('Escape');
  // back to the article tab
  await page.click(`.tab[aria-label*="${FILE}"]`);

  // mouse hover on the faded line: the diagnostic's message
  const hoverAt = async (box) => {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const h = await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 10000 }).catch(() => null);
    await page.waitForTimeout(400);
    return h ? (await page.textContent('.monaco-hover:not(.hidden)')) : null;
  };
  // the code lenses arrive after the text and push the lines down: find the word again
  // when the hover shows something else
  const diagHover = await step('diagnostic_hover', async () => {
    let h = null;
    for (let attempt = 0; attempt < 3 && !(h && h.includes('Boilerplate (')); attempt++) {
      const flagged = await wordBox(page, targetWords, targetWords.split(' ')[0]);
      h = flagged && await hoverAt(flagged);
    }
    return h;
  });
  check('hover on the faded block shows "Boilerplate (category)"', diagHover && diagHover.includes(`Boilerplate (${target.code}`), diagHover);
  await shot(page, 'vscode-boilerplate-hover.png');

  // hover and F12 on "Lavrov"
  const lavrov = await wordBox(page, 'Lavrov said.', 'Lavrov');
  if (feature('hover', caps.has('hoverProvider'), 'mouse hover on "Lavrov" shows "Sergei Lavrov"', 'server has no hoverProvider')) {
    const h = await step('entity_hover', () => hoverAt(lavrov));
    check('mouse hover on "Lavrov" shows "Sergei Lavrov"', h && h.includes('Sergei Lavrov'), h);
    await shot(page, 'vscode-entity-hover.png');
  }
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  if (feature('definition', caps.has('definitionProvider'), 'F12 on "Lavrov" jumps to line 1', 'server has no definitionProvider')) {
    await step('definition', async () => {
      // A loaded machine can drop the first key press while the hover fades: try up to
      // three times, as a person would. A server without a working definition never jumps.
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.mouse.click(lavrov.x, lavrov.y);
        await page.waitForTimeout(300);
        await page.keyboard.press('F12');
        const jumped = await page.waitForFunction(() => /Ln 1,/.test(document.querySelector('[id="status.editor.selection"]')?.textContent || ''),
          null, { timeout: 8000 }).catch(() => null);
        if (jumped) break;
        log('F12 did not jump yet, attempt', attempt + 1);
      }
    });
    const st = await page.textContent('[id="status.editor.selection"]').catch(() => null);
    check('F12 on "Lavrov" jumps to the first full mention (Ln 1)', st && /Ln 1,/.test(st), st);
  }

  // "newsls: Show entities of this file": picking an entity selects its first mention
  if (feature('entities', ((rep && rep.commands) || []).includes('newsls.showEntities'), 'the entity quick pick jumps to the first mention', 'server has no newsls.showEntities command')) {
    const NAME = 'Sergei Lavrov';
    // the selection's active end, where VS Code reports the cursor
    const col = articleLines[0].indexOf(NAME) + NAME.length + 1;
    const want = new RegExp(`Ln 1, Col ${col} \\(${NAME.length} selected\\)`);
    const st = await step('entities_quick_pick', async () => {
      await page.click(`.tab[aria-label*="${FILE}"]`);
      await page.keyboard.press('Control+End'); // away from the first mention
      await page.waitForTimeout(200);
      if (!(await palette('newsls: Show entities of this file'))) return null;
      const row = await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${NAME}"]`, { timeout: 10000 }).catch(() => null);
      if (!row) { await page.keyboard.press('Escape'); return null; }
      await shot(page, 'vscode-entities-quick-pick.png');
      await page.keyboard.type(NAME);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[id="status.editor.selection"]')?.textContent || ''),
        want.source, { timeout: 8000 }).catch(() => null);
      return page.textContent('[id="status.editor.selection"]').catch(() => null);
    });
    check(`the entity quick pick selects the first mention of "${NAME}" (Ln 1, Col ${col}, ${NAME.length} selected)`, st && want.test(st), st);
    // back to the start of the line (the selection scrolled the long line sideways)
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    await page.waitForTimeout(300);
  }

  // quick fix through Ctrl+.
  const title = targetBlocks === 1 ? `Remove this boilerplate block (${target.code})` : `Remove these ${targetBlocks} boilerplate blocks (${target.code})`;
  await step('quick_fix', async () => {
    const box = await wordBox(page, targetWords, targetWords.split(' ')[0]);
    await page.mouse.click(box.x, box.y);
    await page.keyboard.press('Control+.');
    const item = await page.waitForSelector(`.action-widget .monaco-list-row:has-text("${title}")`, { timeout: 10000 }).catch(() => null);
    if (!check(`Ctrl+. offers "${title}"`, item)) return;
    await shot(page, 'vscode-quickfix-menu.png');
    // select our row with the keyboard (a click is intercepted by .context-view-pointerBlock)
    for (let i = 0; i < 10; i++) {
      const focused = await page.textContent('.action-widget .monaco-list-row.focused').catch(() => '');
      if (focused && focused.includes(title)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => ![...document.querySelectorAll('.editor-instance .view-lines .view-line')]
      .some((l) => l.textContent.replace(/\u00a0/g, ' ').includes(t)), targetWords, { timeout: 10000 }).catch(() => null);
  });
  const after = await editorText(page);
  check('quick fix removed the block from the editor', !after.includes(targetWords) && after.includes('North Korean leader'), after.slice(0, 300));
  await page.waitForTimeout(500);
  await shot(page, 'vscode-after-quickfix.png');

  // a command from the palette: strip to a new file
  await step('strip_command', async () => {
    await palette('newsls: Strip boilerplate to new file');
    await page.waitForSelector('.tab[aria-label*="000_a66d8d7f1149ab9a.stripped.txt"]', { timeout: 10000 }).catch(() => null);
  });
  check('palette "newsls: Strip boilerplate to new file" opens the stripped article',
    await page.$('.tab[aria-label*="000_a66d8d7f1149ab9a.stripped.txt"]'));
  await shot(page, 'vscode-stripped.png');

  // saving an article with a flagged appeal (codeActionsOnSave source.fixAll): the file on disk
  // is exactly the text plus what was typed; nothing is removed
  const SAVED = '001_c944185dd7e147ec.txt';
  const savedOriginal = fs.readFileSync(path.join(wsDir, SAVED), 'utf8');
  const appeal = savedOriginal.split('\n')[1].slice(0, 30);
  await step('save_article', async () => {
    await openFile(SAVED);
    const fadedAppeal = await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-inline-unnecessary').length > 0,
      null, { timeout: 20000 }).then(() => true).catch(() => false);
    check(`the article to save has faded boilerplate ("${appeal}...")`, fadedAppeal && (await faded(page, appeal)) === true);
    const typed = 'Typed in the editor test.';
    const disk = await typeAndSave(wsDir, SAVED, typed);
    check('saving an article with boilerplate writes exactly what was typed (the appeal stays)',
      disk === savedOriginal + typed, { length: disk.length, want: savedOriginal.length + typed.length, head: disk.slice(0, 200) });
    await page.keyboard.press('Control+Home');
    await page.waitForTimeout(300);
    check('the editor still shows the appeal after saving', (await editorText(page)).includes(appeal), (await editorText(page)).slice(0, 300));
  });

  // a *.news.txt file: the news language, word wrap on, citation tags coloured by the grammar
  await step('news_language', async () => {
    await openFile('tagged.news.txt');
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /News article/.test(e.textContent || '')),
      null, { timeout: 10000 }).catch(() => null);
    const lang = await page.evaluate(() => [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent || '').find((t) => /News article/.test(t)) || null);
    check('*.news.txt is shown as "News article"', lang, lang);
    const lines = await page.$$eval('.editor-instance .view-lines .view-line', (ls) => ls.length);
    check('word wrap: the long paragraph wraps (more screen lines than the 4 lines of the file)', lines >= 6, lines);
    const prose = await colorOf(page, 'the mayor said', 'feels');
    const colours = {
      prose,
      cite: await colorOf(page, 'the mayor said', 'cite'),
      speaker: await colorOf(page, 'the mayor said', 'speaker'),
      value: await colorOf(page, 'the mayor said', 'Lopez'),
      closing: await colorOf(page, 'the mayor said', 'cite', 1),
      source: await colorOf(page, 'publication=', 'source'),
      publication: await colorOf(page, 'publication=', 'publication'),
    };
    result.colours = colours;
    check('the grammar colours <cite>, </cite>, <source> and their attributes apart from the prose',
      prose && ['cite', 'speaker', 'value', 'closing', 'source', 'publication'].every((k) => colours[k] && colours[k] !== prose)
        && colours.speaker !== colours.value, colours);
    await shot(page, 'vscode-news-language.png');
  });

  // the whole workspace: Problems panel, code lens, inlay hint, Entities and Quotes views
  await step('views', () => viewsTests({ page, check, feature, shot, step, openFile, palette, caps, rep, editorText, log }));
} catch (e) {
  result.error = String((e && e.stack) || e);
  log('ERROR', result.error);
  await shot(page, 'vscode-error.png').catch(() => {});
  failed++;
} finally {
  Object.assign(result, { passed, failed, pending, ok: failed === 0, total_ms: Date.now() - t0 });
  fs.writeFileSync(path.join(OUT, 'vscode_ui_result.json'), JSON.stringify(result, null, 2));
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.error(`vscode ${rep_version()}: ${passed} passed, ${failed} failed, ${pending} pending  (${Date.now() - t0} ms)`);
  process.exit(failed ? 1 : 0);
}
function rep_version() { return (result.api_report && result.api_report.vscode) || '1.100'; }
