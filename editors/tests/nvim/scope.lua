-- Where newsls starts: not for notes; for *.news.txt files, plain articles of a scraper's
-- folder and folders listed in vim.g.newsls_folders.
local H, ctx = ...
local ARTICLE, WORD, FULL_NAME, QUOTE_LNUM, QUOTE, KEEP_ARTICLE = H.ARTICLE, H.WORD, H.FULL_NAME, H.QUOTE_LNUM, H.QUOTE, H.KEEP_ARTICLE
local ms, results, say, check, pend, env, feature = H.ms, H.results, H.say, H.check, H.pend, H.env, H.feature
local wait, buf_lines, copy, cli_json, cli_diagnostics = H.wait, H.buf_lines, H.copy, H.cli_json, H.cli_diagnostics
local newsls, exits, bin, ws, timeout = ctx.newsls, ctx.exits, ctx.bin, ctx.ws, ctx.timeout
local bufnr, original, want, caps, enc = ctx.bufnr, ctx.original, ctx.want, ctx.caps, ctx.enc
local request, request_in, has_command, open_article = ctx.request, ctx.request_in, ctx.has_command, ctx.open_article
local publishes, mine, count_publishes, pick_action = ctx.publishes, ctx.mine, ctx.count_publishes, ctx.pick_action
local wcol, at_word = ctx.wcol, ctx.at_word
local t

-- 10. scope: newsls starts only for news ----------------------------------------------------
do
  local notes = env('NOTES')
  local before = {}
  for _, c in ipairs(newsls.clients()) do before[c.id] = true end
  local nbufs = {}
  for _, name in ipairs({ 'requirements.txt', 'notes.txt' }) do
    vim.cmd('edit ' .. vim.fn.fnameescape(notes .. '/' .. name))
    table.insert(nbufs, vim.api.nvim_get_current_buf())
  end
  vim.wait(300) -- a client would start now (0.11 starts it from a scheduled callback)
  local started = {}
  for _, c in ipairs(newsls.clients()) do if not before[c.id] then table.insert(started, c.config.root_dir) end end
  check('scope: opening the notes (notes.txt: filetype text) starts no server',
    #started == 0 and vim.bo[nbufs[2]].filetype == 'text', { started = started, ft = vim.bo[nbufs[2]].filetype })

  -- a scraper's *.news.txt files, no newsls.toml: their folder is the workspace
  local scrape = env('SCRAPE')
  local sbuf = open_article(scrape .. '/001.news.txt')
  local sc = newsls.client(sbuf)
  check('scope: a *.news.txt file without newsls.toml gets newsls, its own folder as the workspace',
    sc ~= nil and sc.config.root_dir == scrape and #vim.diagnostic.get(sbuf) > 0,
    { root = sc and sc.config.root_dir, diagnostics = #vim.diagnostic.get(sbuf) })
  if sc then
    -- cross-file features work there: the other article of the folder is indexed
    local syms, serr = {}, nil
    for _ = 1, 20 do -- the index may still be building (buf_request_sync cannot nest in vim.wait)
      local res, err = request_in(sbuf, 'workspace/symbol', { query = 'Oreshkin' })
      serr = err
      for _, sym in ipairs(res or {}) do
        local uri = sym.location and sym.location.uri or ''
        if uri:find('002%.news%.txt$') then table.insert(syms, sym.name) end
      end
      if #syms > 0 then break end
      vim.wait(100)
    end
    check('scope: the folder of a *.news.txt file is indexed ("Oreshkin", only in the unopened 002.news.txt, is a workspace symbol)',
      #syms > 0, serr or syms)
  end

  -- saving with a fix-all-on-save hook (as ESLint or Ruff users set up) writes what was typed
  if sc then
    local group = vim.api.nvim_create_augroup('newsls_fixall_on_save', { clear = true })
    vim.api.nvim_create_autocmd('BufWritePre', { group = group, buffer = sbuf, callback = function()
      local res = request_in(sbuf, 'textDocument/codeAction', {
        textDocument = { uri = vim.uri_from_bufnr(sbuf) },
        range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(sbuf), character = 0 } },
        context = { diagnostics = {}, only = { 'source.fixAll' } } })
      for _, a in ipairs(res or {}) do
        if a.edit then vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16') end
      end
    end })
    vim.api.nvim_buf_set_lines(sbuf, -1, -1, false, { 'A line typed before saving.' })
    local typed = table.concat(vim.api.nvim_buf_get_lines(sbuf, 0, -1, false), '\n') .. '\n'
    vim.api.nvim_buf_call(sbuf, function() vim.cmd('silent write') end)
    local f = io.open(vim.api.nvim_buf_get_name(sbuf), 'rb')
    local disk = f and f:read('*a')
    if f then f:close() end
    check('save with a source.fixAll on-save hook writes exactly what was typed (no boilerplate removed)',
      disk == typed, { typed = #typed, disk = disk and #disk })
    vim.api.nvim_del_augroup_by_id(group)
  end

  -- a plain .txt article in a scraper's folder (no marker, not listed) reads like news
  local pbuf = open_article(scrape .. '/003.txt')
  local pc = newsls.client(pbuf)
  check('scope: a plain .txt article without newsls.toml gets newsls, its own folder as the workspace',
    pc ~= nil and pc.config.root_dir == scrape and #vim.diagnostic.get(pbuf) > 0,
    { root = pc and pc.config.root_dir, diagnostics = #vim.diagnostic.get(pbuf) })

  -- a folder the user lists as news (vim.g.newsls_folders): the workspace is that folder
  local listed = env('LISTED')
  vim.g.newsls_folders = { listed }
  local lbuf = open_article(listed .. '/day1/002.txt')
  local lc = newsls.client(lbuf)
  check('scope: a .txt file under a folder in vim.g.newsls_folders gets newsls, that folder as the workspace',
    lc ~= nil and lc.config.root_dir == listed and #vim.diagnostic.get(lbuf) > 0,
    { root = lc and lc.config.root_dir, diagnostics = #vim.diagnostic.get(lbuf) })
  vim.g.newsls_folders = nil

  -- by now the notes had as long as the news files took to get their diagnostics
  local on_notes = {}
  for _, b in ipairs(nbufs) do
    if newsls.client(b) or #vim.diagnostic.get(b) > 0 then table.insert(on_notes, vim.api.nvim_buf_get_name(b)) end
  end
  for _, c in ipairs(newsls.clients()) do
    if c.config.root_dir == notes then table.insert(on_notes, 'a client rooted at the notes') end
  end
  check('scope: the notes get no server and no diagnostics', #on_notes == 0, on_notes)
end
