-- The whole workspace (issue 22): :NewslsEntities and :NewslsQuotes through vim.ui.select
-- (answered here like a person picking an entry by its label), :NewslsProblems into the
-- quickfix list, and the code lenses (shown by Neovim; the mentions lens fills the quickfix list).
local H, ctx = ...
local FULL_NAME = H.FULL_NAME
local ms, results, check, feature, wait = H.ms, H.results, H.check, H.feature, H.wait
local bufnr, caps, timeout = ctx.bufnr, ctx.caps, ctx.timeout
local workspace = require('newsls.workspace')

-- Runs `fn` with vim.ui.select answered by `pickers` in turn (each gets the labels and returns
-- an index or nil); returns what each picker was shown: { prompt, labels }.
local function answering(pickers, fn)
  local saved, seen = vim.ui.select, {}
  vim.ui.select = function(items, opts, on_choice)
    local labels = {}
    for i, it in ipairs(items) do labels[i] = (opts.format_item or tostring)(it) end
    table.insert(seen, { prompt = opts.prompt, labels = labels })
    local pick = pickers[#seen]
    local i = pick and pick(labels)
    on_choice(i and items[i] or nil, i)
  end
  local ok, err = pcall(fn)
  vim.ui.select = saved
  if not ok then error(err) end
  return seen
end
local function starting_with(prefix)
  return function(labels)
    for i, l in ipairs(labels) do if l:sub(1, #prefix) == prefix then return i end end
  end
end
local function first() return 1 end

local function qf() return vim.fn.getqflist() end
local function qf_files(items)
  local files, n = {}, 0
  for _, it in ipairs(items) do
    local name = vim.api.nvim_buf_get_name(it.bufnr)
    if not files[name] then files[name] = true; n = n + 1 end
  end
  return n, files
end
local function qf_open()
  for _, w in ipairs(vim.fn.getwininfo()) do if w.quickfix == 1 then return true end end
  return false
end
local function back()
  vim.cmd('cclose')
  vim.cmd('buffer ' .. bufnr)
end

-- the server may still be indexing the workspace: ask until "Sergei Lavrov" is in 2+ files
local entities, eerr
for _ = 1, 50 do
  entities, eerr = workspace.request('newsls/workspaceEntities', vim.empty_dict(), bufnr)
  if eerr then break end
  local done = false
  for _, e in ipairs(entities or {}) do done = done or (e.name == FULL_NAME and e.files >= 2) end
  if done then break end
  vim.wait(200)
end
local missing = type(eerr) == 'table' and eerr.code == -32601
if feature('workspace', not missing, ':NewslsEntities picks "Sergei Lavrov" of the workspace; its mentions go to the quickfix list',
    'server has no newsls/workspaceEntities') then
  local lavrov
  for _, e in ipairs(entities or {}) do if e.name == FULL_NAME then lavrov = e end end
  local sorted = true
  for i = 2, #(entities or {}) do sorted = sorted and entities[i - 1].mentions >= entities[i].mentions end
  check('newsls/workspaceEntities: "Sergei Lavrov" in 2+ files, sorted by mentions', eerr == nil and lavrov ~= nil
    and lavrov.files >= 2 and sorted, eerr or lavrov)
  local t = ms()
  local seen = answering({ starting_with(FULL_NAME .. ' (') }, function() vim.cmd('NewslsEntities') end)
  results.steps.workspace_entities_ms = ms() - t
  local items = qf()
  local nfiles = qf_files(items)
  check(':NewslsEntities offers the workspace entities with their counts', seen[1] ~= nil
    and #seen[1].labels == #(entities or {}) and lavrov ~= nil and vim.tbl_contains(seen[1].labels,
      string.format('%s (%s)  %d · %d files', FULL_NAME, lavrov.kind, lavrov.mentions, lavrov.files)),
    seen[1] and { first = { seen[1].labels[1], seen[1].labels[2] }, n = #seen[1].labels })
  local words_ok, bad = #items > 0, {} -- each item at its mention (an open file's buffer, else disk)
  for _, it in ipairs(items) do
    local line = vim.api.nvim_buf_is_loaded(it.bufnr) and vim.api.nvim_buf_get_lines(it.bufnr, it.lnum - 1, it.lnum, false)[1]
      or vim.fn.readfile(vim.api.nvim_buf_get_name(it.bufnr))[it.lnum] or ''
    local mention = (it.text or ''):match('^(.-): ') or '?'
    local ok = mention:find('Lavrov$') ~= nil and line:sub(it.col, it.col + #mention - 1) == mention
    if not ok then table.insert(bad, { text = it.text, col = it.col, at = line:sub(it.col, it.col + 20) }) end
    words_ok = words_ok and ok
  end
  check(':NewslsEntities: the quickfix list has every mention, in every file, at "Lavrov"', lavrov ~= nil
    and #items == lavrov.mentions and nfiles == lavrov.files and words_ok and qf_open(),
    { items = #items, files = nfiles, want = lavrov, open = qf_open(), bad = { bad[1], bad[2] } })
  back()

  -- :NewslsQuotes: speakers, then their quotes; choosing one jumps to it
  local groups = workspace.request('newsls/workspaceQuotes', vim.empty_dict(), bufnr) or {}
  local chosen
  for _, g in ipairs(groups) do if g.speaker == FULL_NAME then chosen = g.quotes[1] end end
  local qseen = answering({ starting_with(FULL_NAME .. '  '), first }, function() vim.cmd('NewslsQuotes') end)
  local cur = vim.api.nvim_win_get_cursor(0)
  local here = vim.uri_from_bufnr(0)
  check(':NewslsQuotes offers the speakers, then their quotes, and jumps to the chosen one', chosen ~= nil
    and qseen[2] ~= nil and here == chosen.uri and cur[1] == chosen.range.start.line + 1,
    { speakers = qseen[1] and qseen[1].labels, quotes = qseen[2] and qseen[2].labels, at = { here, cur }, want = chosen })
  local last = groups[#groups]
  local nulls_last = true
  for i, g in ipairs(groups) do if g.speaker == vim.NIL or g.speaker == nil then nulls_last = nulls_last and i == #groups end end
  check('newsls/workspaceQuotes: quotes of several files, the unattributed group last', #groups > 1 and nulls_last,
    { groups = #groups, last = last and last.speaker })
  back()

  -- :NewslsProblems: the workspace's findings, files never opened included
  t = ms()
  vim.cmd('NewslsProblems')
  results.steps.workspace_problems_ms = ms() - t
  results.problems_source = workspace.last_source
  local pitems = qf()
  local _, pfiles = qf_files(pitems)
  local unopened = {} -- files Neovim never loaded (the quickfix list only names them)
  for name in pairs(pfiles) do
    local b = vim.fn.bufnr(name)
    if b == -1 or not vim.api.nvim_buf_is_loaded(b) then table.insert(unopened, name) end
  end
  check(':NewslsProblems fills the quickfix list with findings of files never opened (' .. tostring(workspace.last_source) .. ')',
    #pitems > 0 and #unopened > 0 and qf_open() and (vim.fn.getqflist({ title = 1 }).title or ''):find('newsls') ~= nil,
    { items = #pitems, unopened = unopened })
  back()
end

-- code lenses: Neovim shows the server's lenses; the entity lens fills the quickfix list
if feature('lenses', caps.codeLensProvider ~= nil, 'code lenses: "N mentions in M files" shown and run',
    'server has no codeLensProvider') then
  local lenses = {}
  wait(timeout * 3, function()
    workspace.refresh_lenses(bufnr)
    lenses = vim.lsp.codelens.get(bufnr) or {}
    for _, l in ipairs(lenses) do
      if l.command and l.command.title:find('%d+ mentions? in %d+ files?') then return true end
    end
    return false
  end)
  local titles, mention_lens = {}, nil
  for _, l in ipairs(lenses) do
    local title = l.command and l.command.title or '?'
    table.insert(titles, title)
    if not mention_lens and title:find('%d+ mentions? in %d+ files?') then mention_lens = l end
  end
  check('code lenses shown: an entity lens "N mentions in M files"', mention_lens ~= nil, titles)
  if mention_lens then
    vim.fn.setqflist({}, 'r', { title = 'empty', items = {} })
    vim.api.nvim_win_set_cursor(0, { mention_lens.range.start.line + 1, 0 })
    answering({ starting_with(mention_lens.command.title), starting_with(mention_lens.command.title) }, function()
      vim.lsp.codelens.run()
    end)
    wait(timeout, function() return #qf() > 0 end)
    local n = tonumber(mention_lens.command.title:match('^(%d+)'))
    check('running the mentions lens fills the quickfix list (newsls.client.showReferences)', #qf() == n,
      { got = #qf(), want = n, title = vim.fn.getqflist({ title = 1 }).title })
    back()
  end
end
