// The whole workspace in the VS Code workbench (issue 22), as a person uses it: the Problems
// panel lists findings of files never opened (pull diagnostics), a code lens opens the
// references peek, an inlay hint after an uncited quote is double-clicked to cite it, the
// Quotes view cites a quote from its inline action, and the Entities view opens a mention.
// Called by vscode_ui_e2e.mjs with its page and helpers; screenshots go to OUT.
const HARBOUR = 'harbour.txt'; // written by run_vscode.sh: two uncited quotes of Anna Berg
const UNOPENED = ['002_905470c6c805f95a.txt', '003_bc02b2ddaed6895b.txt', '004_68b72c5e2aeca627.txt'];
const ENTITY = 'Sergei Lavrov';
// the side bar and the start of the editor (the README's pictures), and the bottom panel
const SIDE = { x: 0, y: 0, width: 1000, height: 600 };
const BOTTOM = { x: 0, y: 420, width: 1400, height: 480 };

/** Rows of a side-bar view (its pane found by the header's title), as [{label, text}]. */
const viewRows = (page, title) => page.evaluate((title) => {
  const pane = [...document.querySelectorAll('.pane')].find((p) => (p.querySelector('.pane-header .title')?.textContent || '').trim().toLowerCase() === title.toLowerCase());
  if (!pane) return null;
  return [...pane.querySelectorAll('.monaco-list-row')].map((r) => ({ label: r.getAttribute('aria-label') || '', text: (r.textContent || '').replace(/\u00a0/g, ' ') }));
}, title);
const rowLocator = (page, title, has) => page.locator('.pane', { has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`, 'i') }) })
  .locator('.monaco-list-row', { hasText: has }).first();

async function waitFor(fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function viewsTests(t) {
  const { page, check, feature, shot, step, openFile, palette, caps, rep, editorText, log } = t;
  const workspaceOk = rep && rep.workspaceRequests === true;

  // 1. Problems panel: findings of files that were never opened (workspace pull diagnostics)
  if (feature('workspace-diagnostics', caps.has('diagnosticProvider'), 'the Problems panel lists a file that was never opened',
    'server has no diagnosticProvider (pull)')) {
    const row = await step('problems_panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      return waitFor(() => page.evaluate((names) => {
        const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.getAttribute('aria-label') || r.textContent || '');
        return rows.find((r) => names.some((n) => r.includes(n))) || null;
      }, UNOPENED), 30000);
    });
    check('the Problems panel lists a file that was never opened', row, row);
    await shot(page, 'vscode-problems.png', BOTTOM);
    await page.keyboard.press('Control+Shift+M'); // hide the panel again
  }

  // 2. a code lens: "N mentions in M files" opens the references peek
  if (feature('lenses', caps.has('codeLensProvider'), 'the entity code lens opens the references peek', 'server has no codeLensProvider')) {
    await openFile('003_bc02b2ddaed6895b.txt');
    const lens = await step('code_lens', () => page.waitForSelector('.contentWidgets .codelens-decoration a >> text=/\\d+ mentions? in \\d+ files?/', { timeout: 30000 }).catch(() => null));
    const title = lens && await lens.textContent();
    check('a code lens "N mentions in M files" is shown', lens, title);
    if (lens) {
      await lens.click();
      const peek = await page.waitForSelector('.peekview-widget .ref-tree .monaco-list-row', { timeout: 15000 }).catch(() => null);
      check('clicking the lens opens the references peek', peek);
      await shot(page, 'vscode-code-lens.png', SIDE);
      await page.keyboard.press('Escape');
    }
  }

  // 3. an inlay hint after an uncited quote, double-clicked: the quote gets its <cite> tag
  if (feature('hints', caps.has('inlayHintProvider'), 'double-clicking the inlay hint cites the quote', 'server has no inlayHintProvider')) {
    await openFile(HARBOUR);
    await palette('newsls e2e: Show inlay hints');
    // the article's code lens comes in above line 1 and moves the lines: wait for it first,
    // and find the hint again when a double-click did not cite
    if (caps.has('codeLensProvider')) await page.waitForSelector('.contentWidgets .codelens-decoration', { timeout: 15000 }).catch(() => null);
    const findHint = () => waitFor(() => page.evaluate(() => {
      const spans = [...document.querySelectorAll('.editor-instance .view-lines .view-line span')]
        .filter((s) => s.children.length === 0 && (s.textContent || '').replace(/\u00a0/g, ' ').includes('— Anna Berg'));
      const r = spans[0]?.getBoundingClientRect();
      return r && r.width > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2, text: spans[0].textContent } : null;
    }), 30000);
    const hint = await step('inlay_hint', findHint);
    check('an inlay hint "— Anna Berg" is drawn after the quote', hint, hint);
    await shot(page, 'vscode-inlay-hint.png', SIDE);
    if (hint) {
      let cited = null;
      for (let attempt = 0; attempt < 3 && !cited; attempt++) {
        const box = attempt === 0 ? hint : await findHint();
        if (!box) break;
        await page.mouse.dblclick(box.x, box.y);
        cited = await waitFor(async () => /<cite speaker="Anna Berg"[^>]*>"We are ready/.test(await editorText(page)), 5000);
      }
      check('double-clicking the hint wraps the quote in <cite speaker="Anna Berg" ...>', cited, (await editorText(page)).slice(0, 400));
    }
    await palette('newsls e2e: Hide inlay hints');
  }

  if (!feature('workspace', workspaceOk, 'the Entities and Quotes views list the workspace', 'server has no newsls/workspaceEntities')) return;
  // the views live in newsls's own container of the activity bar
  const bar = page.locator('.activitybar [aria-label^="newsls"]').first();
  if (await bar.count()) await bar.click();
  else await palette('Focus on Entities View');

  // 4. the Quotes view: speakers with their quotes (all files, then harbour.txt's only, as
  // its code lens shows them); "Cite" on an uncited quote
  const allQuotes = await step('quotes_view', () => waitFor(async () => {
    const rows = await viewRows(page, 'Quotes');
    return rows && rows.some((r) => /\d+ quotes?, \d+ cited/.test(r.text)) ? rows : null;
  }, 30000));
  check('the Quotes view lists speakers with their quotes ("N quotes, M cited")', allQuotes, await viewRows(page, 'Quotes'));
  await shot(page, 'vscode-quotes-view.png', SIDE);
  await page.click(`.tab[aria-label*="${HARBOUR}"]`).catch(() => openFile(HARBOUR));
  await palette('newsls: Show the quotes of this file');
  const quoteRow = await waitFor(async () => {
    const rows = await viewRows(page, 'Quotes');
    return rows && rows.find((r) => r.text.includes('The old building')) ? rows : null;
  }, 20000);
  check('"Show the quotes of this file" narrows the Quotes view to "Anna Berg" of harbour.txt', quoteRow
    && quoteRow.every((r) => !/\d+ quotes?, \d+ cited/.test(r.text) || r.text.includes('Anna Berg')), quoteRow || await viewRows(page, 'Quotes'));
  if (quoteRow) {
    const row = rowLocator(page, 'Quotes', 'The old building');
    await row.hover();
    await row.locator('.action-label[aria-label="Cite"]').click({ timeout: 10000 }).catch((e) => log('cite action:', String(e)));
    await page.click(`.tab[aria-label*="${HARBOUR}"]`).catch(() => openFile(HARBOUR));
    const cited = await waitFor(async () => /<cite speaker="Anna Berg"[^>]*>"The old building/.test(await editorText(page)), 15000);
    check('"Cite" in the Quotes view wraps the quote in <cite speaker="Anna Berg" ...>', cited, (await editorText(page)).slice(0, 500));
  }

  // 5. the Entities view: "Sergei Lavrov" with counts; a mention opens its file at the line
  const entityRows = await step('entities_view', () => waitFor(async () => {
    const rows = await viewRows(page, 'Entities');
    return rows && rows.find((r) => r.text.includes(ENTITY)) ? rows : null;
  }, 30000));
  const lavrov = entityRows && entityRows.find((r) => r.text.includes(ENTITY));
  check(`the Entities view lists "${ENTITY}" with its mentions and files`, lavrov && /\d+ · \d+ files/.test(lavrov.text), entityRows && entityRows.slice(0, 8));
  if (lavrov) {
    await rowLocator(page, 'Entities', ENTITY).click();
    const mention = await waitFor(async () => (await viewRows(page, 'Entities') || []).find((r) => /\S+\.txt:\d+/.test(r.text)), 15000);
    await shot(page, 'vscode-entities-view.png', SIDE);
    if (check('expanding the entity lists its mentions as file:line', mention, await viewRows(page, 'Entities'))) {
      const [, name, line] = mention.text.match(/(\S+\.txt):(\d+)/);
      await rowLocator(page, 'Entities', `${name}:${line}`).click();
      const opened = await waitFor(async () => {
        const tab = await page.$(`.tab.active[aria-label*="${name}"]`);
        const st = await page.textContent('[id="status.editor.selection"]').catch(() => '');
        return tab && new RegExp(`Ln ${line},`).test(st || '') ? st : null;
      }, 15000);
      check(`clicking the mention opens ${name} at line ${line}`, opened, opened);
    }
  }
}
