-- newsls end-to-end test in a real, headless Neovim (Debian's 0.7.2, or 0.8+ / 0.11).
-- It loads the plugin from editors/nvim as a user would and checks through Neovim's own
-- LSP client (vim.diagnostic, vim.lsp.buf.code_action + vim.ui.select, vim.lsp.buf.definition,
-- apply_workspace_edit, the plugin's user commands).
--
--   nvim --headless --clean -c 'luafile nvim_e2e.lua' </dev/null     (see run_nvim.sh)
--
-- Environment:
--   NEWSLS_BIN   the server binary                         (required)
--   PLUGIN_DIR   editors/nvim                              (required)
--   WORKSPACE    a scratch copy of the seed articles, with newsls.toml (required)
--   NOTES        a folder of notes (requirements.txt, notes.txt), not news   (required)
--   SCRAPE       *.news.txt articles in a folder without newsls.toml          (required)
--   LISTED       a folder without newsls.toml, listed in vim.g.newsls_folders (required)
--   RESULT_JSON  where to write the results                (required)
--   MODE         enable: vim.lsp.config + vim.lsp.enable('newsls') (0.11+)
--                setup:  require('newsls').setup{} (the 0.7-0.10 path; also on 0.11)
--   PENDING      comma-separated features still pending on the server: hover, definition,
--                references, cite, entities, citeall, workspace (the workspace requests of
--                issue 22), lenses. A pending check whose server feature is
--                absent is reported PEND (not failed); once the server has the feature the
--                check runs (and counts) even when still listed.
--   LSP_TIMEOUT_MS (default 5000)
-- Exit status: 0 all checks passed, 1 a check failed, 2 error in this script.

-- the feature modules (editors/tests/nvim/*.lua) and the shared harness
local HERE = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local H = dofile(HERE .. '/nvim/harness.lua')
local ARTICLE, WORD, QUOTE_LNUM, QUOTE = H.ARTICLE, H.WORD, H.QUOTE_LNUM, H.QUOTE
local ms, results, say, check, env, feature = H.ms, H.results, H.say, H.check, H.env, H.feature
local wait, buf_lines, cli_diagnostics = H.wait, H.buf_lines, H.cli_diagnostics
-- runs editors/tests/nvim/<name>.lua with the harness and the shared state
local function run(name, ctx) assert(loadfile(HERE .. '/nvim/' .. name .. '.lua'))(H, ctx) end

local newsls
local exits = {}

local function main()
  local bin = env('NEWSLS_BIN')
  local plugin_dir = env('PLUGIN_DIR')
  local ws = env('WORKSPACE')
  env('RESULT_JSON')
  local mode = os.getenv('MODE') or 'setup'
  local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '') or 5000
  results.mode = mode
  -- messages to the user (vim.notify) are recorded: an ERROR-level notify would abort a
  -- headless `-c luafile` run
  results.notifications = {}
  vim.notify = function(msg, level)
    table.insert(results.notifications, { msg = tostring(msg), level = level })
    say('notify[' .. tostring(level) .. '] ' .. tostring(msg):gsub('%s*\n%s*', ' '))
  end
  vim.lsp.set_log_level('warn')

  -- 1. load the plugin the way a plugin manager does ------------------------------------
  vim.opt.rtp:prepend(plugin_dir)
  vim.cmd('runtime! plugin/newsls.lua')
  newsls = require('newsls')
  local cmds = vim.api.nvim_get_commands({})
  local missing = {}
  for _, c in ipairs({ 'NewslsRestart', 'NewslsEntities', 'NewslsFileEntities', 'NewslsQuotes', 'NewslsProblems',
    'NewslsCiteAll', 'NewslsStrip' }) do
    if not cmds[c] then table.insert(missing, c) end
  end
  check('plugin defines the user commands', #missing == 0, { missing = missing })

  local on_exit = function(code, signal) table.insert(exits, { code = code, signal = signal }) end
  local severity_want
  if mode == 'enable' then
    if not check('vim.lsp.enable exists (0.11+)', vim.lsp.enable ~= nil) then return end
    vim.lsp.config('newsls', { cmd = { bin }, on_exit = on_exit })
    vim.lsp.enable('newsls')
    severity_want = vim.diagnostic.severity.HINT -- server default
  else
    -- settings go out as initializationOptions and workspace/configuration
    newsls.setup({ cmd = { bin }, on_exit = on_exit,
      settings = { newsls = { boilerplate = { severity = 'information' } } } })
    severity_want = vim.diagnostic.severity.INFO
  end

  -- record every publishDiagnostics (the raw LSP form and its version), then let Neovim's
  -- own handler feed vim.diagnostic as usual
  local publishes = {}
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
    if result then
      table.insert(publishes, { fname = vim.uri_to_fname(result.uri), version = result.version,
        n = #result.diagnostics, at = ms() })
    end
    return orig(err, result, ctx, cfg)
  end

  -- opens a file and waits for its newsls client and first diagnostics; returns the buffer
  local function open_article(path)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local b = vim.api.nvim_get_current_buf()
    wait(15000, function() return newsls.client(b) ~= nil and #vim.diagnostic.get(b) > 0 end)
    return b
  end

  -- 2. open an article ------------------------------------------------------------------
  local file = ws .. '/' .. ARTICLE
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local original = buf_lines(bufnr)
  check('filetype is text', vim.bo[bufnr].filetype == 'text', vim.bo[bufnr].filetype)
  local t = ms()
  wait(timeout, function() return newsls.client(bufnr) ~= nil end)
  local client = newsls.client(bufnr)
  if not check('newsls client attached to the buffer', client ~= nil) then return end
  check('root dir is the folder with newsls.toml', client.config.root_dir == ws,
    { got = client.config.root_dir, want = ws })
  local function mine(p) return p.fname == file end
  local function count_publishes() local n = 0 for _, p in ipairs(publishes) do if mine(p) then n = n + 1 end end return n end
  wait(15000, function() return count_publishes() > 0 and #vim.diagnostic.get(bufnr) > 0 end)
  results.steps.first_diagnostics_ms = ms() - t
  client = newsls.client(bufnr)
  if not check('server alive after start', client ~= nil and #exits == 0, exits) then return end
  local enc = client.offset_encoding or 'utf-16'
  results.offset_encoding = enc
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  local commands = (caps.executeCommandProvider or {}).commands or {}
  local function has_command(c) return vim.tbl_contains(commands, c) end

  -- 3. diagnostics: what the CLI computes, shown by Neovim; boilerplate with the Unnecessary
  -- tag, and the findings that need a decision (uncited quotes) beside it ----------------
  local want = cli_diagnostics(bin, original, ws)
  local want_lines = {}
  for _, d in ipairs(want) do table.insert(want_lines, d.range.start.line) end
  table.sort(want_lines)
  local diags, got_lines
  local function got()
    diags = vim.diagnostic.get(bufnr)
    table.sort(diags, function(a, b) return a.lnum < b.lnum end)
    got_lines = {}
    for _, d in ipairs(diags) do table.insert(got_lines, d.lnum) end
    return vim.deep_equal(got_lines, want_lines)
  end
  wait(15000, got) -- the quotes' findings may come in a later publish than the boilerplate
  check('boilerplate diagnostics published', #diags > 0, { got = #diags })
  check('diagnostics on the lines the server finds', vim.deep_equal(got_lines, want_lines),
    { got = got_lines, want = want_lines })
  local function unnecessary(d)
    if d._tags then return d._tags.unnecessary == true end -- 0.9+
    local lsp = d.user_data and d.user_data.lsp -- 0.7-0.8 keep the LSP diagnostic
    return lsp ~= nil and vim.tbl_contains(lsp.tags or {}, 1)
  end
  local boiler = {}
  for _, d in ipairs(diags) do
    if (d.message or ''):match('^Boilerplate %(') then table.insert(boiler, d) end
  end
  local all_tagged, all_sev = #boiler > 0, #boiler > 0
  for _, d in ipairs(boiler) do
    all_tagged = all_tagged and unnecessary(d)
    all_sev = all_sev and d.severity == severity_want
  end
  local others_plain = true
  for _, d in ipairs(diags) do
    if not (d.message or ''):match('^Boilerplate %(') then others_plain = others_plain and not unnecessary(d) end
  end
  check('every boilerplate diagnostic has the Unnecessary tag (faded), the others not', all_tagged and others_plain, diags)
  check('boilerplate severity from the settings (' .. mode .. ')', all_sev, { want = severity_want, got = boiler[1] and boiler[1].severity })
  check('messages read "Boilerplate (category): ..." for boilerplate', #boiler == #vim.tbl_filter(function(d)
    return vim.tbl_contains(d.tags or {}, 1) end, want), { got = #boiler })
  results.diagnostics = #diags

  local qline = original[QUOTE_LNUM]
  local wcol = qline:find(WORD, #QUOTE, true)
  local function at_word() vim.api.nvim_win_set_cursor(0, { QUOTE_LNUM, wcol }) end -- inside the word
  local function request_in(b, method, params)
    local ok, res, err = pcall(vim.lsp.buf_request_sync, b, method, params, timeout)
    if not ok then return nil, tostring(res) end
    if not res then return nil, err or 'timeout' end
    for _, r in pairs(res) do
      if r.err or r.error then return nil, r.err or r.error end
      return r.result, nil
    end
    return nil, 'no response'
  end
  local function request(method, params) return request_in(bufnr, method, params) end


  -- picking a code action through vim.lsp.buf.code_action (edits.lua, commands.lua)
  -- (vim.ui.select is answered like a person picking the entry by its title)
  -- `done` (optional): when the action's effect is complete (default: the buffer changed)
  local function pick_action(prefix, done)
    local titles, chosen = {}, nil
    local saved = vim.ui.select
    vim.ui.select = function(items, opts, on_choice)
      local fmt = opts and opts.format_item or tostring
      for i, it in ipairs(items) do
        local title = fmt(it)
        table.insert(titles, title)
        if not chosen and title:sub(1, #prefix) == prefix then chosen = i end
      end
      if chosen then on_choice(items[chosen], chosen) else on_choice(nil, nil) end
    end
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    done = done or function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end
    vim.lsp.buf.code_action()
    wait(timeout, function() return #titles > 0 and (not chosen or done()) end)
    vim.ui.select = saved
    return chosen ~= nil, titles
  end

  local ctx = { newsls = newsls, exits = exits, bin = bin, ws = ws, timeout = timeout, bufnr = bufnr,
    original = original, want = want, caps = caps, enc = enc, request = request, request_in = request_in,
    has_command = has_command, open_article = open_article, publishes = publishes, mine = mine,
    count_publishes = count_publishes, pick_action = pick_action, wcol = wcol, at_word = at_word }
  run('nav', ctx)           -- 4-6. hover, definition, references
  run('edits', ctx)         -- 7-8. quick fix, cite a quote
  run('workspace', ctx)     -- 9. the whole workspace: entities, quotes, problems, lenses
  run('commands', ctx)      -- 10. the user commands (last: :NewslsRestart)
  run('scope', ctx)         -- 11. where newsls starts

  -- 12. shutdown ---------------------------------------------------------------------------
  local n_exits = #exits
  for _, c in ipairs(newsls.clients()) do
    if vim.fn.has('nvim-0.11') == 1 then c:stop() else c.stop() end
  end
  t = ms()
  wait(timeout, function() return #exits > n_exits end)
  results.steps.shutdown_ms = ms() - t
  check('server exits with status 0 after shutdown/exit', exits[n_exits + 1] ~= nil and exits[n_exits + 1].code == 0, exits)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  results.error = tostring(err)
  io.stderr:write('ERROR: ' .. tostring(err) .. '\n')
end
local passed, failed, pended = H.counts()
results.passed, results.failed, results.pending = passed, failed, pended
results.ok = ok and failed == 0
results.total_ms = ms()
pcall(function()
  local f = assert(io.open(os.getenv('RESULT_JSON'), 'w'))
  f:write(vim.json.encode(results))
  f:close()
end)
io.stderr:write(string.format('nvim %s (%s): %d passed, %d failed, %d pending  (%d ms)\n',
  results.nvim, os.getenv('MODE') or 'setup', passed, failed, pended, ms()))
if newsls then
  for _, c in ipairs(newsls.clients()) do pcall(function() vim.lsp.stop_client(c.id, true) end) end
end
if not ok then vim.cmd('cquit 2') elseif failed > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
