-- The plugin's user commands: strip, entities of a file, cite all, keep a block, restart.
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

-- 9. the plugin's user commands ------------------------------------------------------------
-- :NewslsStrip -> <name>.stripped.txt with what `newsls strip` prints for the buffer's text
do
  local src_lines = buf_lines(bufnr)
  vim.cmd('NewslsStrip')
  local sbuf = vim.api.nvim_get_current_buf()
  local sname = vim.api.nvim_buf_get_name(sbuf)
  local tmp = ws .. '/.oracle-strip.txt'
  vim.fn.writefile(src_lines, tmp)
  local want_out = vim.fn.system({ bin, 'strip', tmp })
  os.remove(tmp)
  local want_lines_s = vim.split(want_out, '\n', { plain = true })
  if want_lines_s[#want_lines_s] == '' then table.remove(want_lines_s) end
  check(':NewslsStrip opens <name>.stripped.txt', sbuf ~= bufnr and sname:find('%.stripped%.txt$') ~= nil, sname)
  check(':NewslsStrip content is the stripped article', vim.deep_equal(buf_lines(sbuf), want_lines_s)
    and #want_lines_s < #src_lines and #want_lines_s > 3, { got = buf_lines(sbuf) })
  vim.cmd('buffer ' .. bufnr)
  pcall(vim.api.nvim_buf_delete, sbuf, { force = true })
  os.remove(sname)
end

-- :NewslsFileEntities -> newsls.showEntities
if feature('entities', has_command('newsls.showEntities'), ':NewslsFileEntities lists "Sergei Lavrov"',
    'server has no newsls.showEntities command') then
  local result, err, out = newsls.show_entities(bufnr)
  local shown = out and table.concat(buf_lines(out), '\n') or ''
  check(':NewslsFileEntities lists "Sergei Lavrov"', err == nil and shown:find(FULL_NAME, 1, true) ~= nil,
    err or shown)
  -- the result has the shape of docs/protocol.md: mentions with their text and range
  local lavrov
  for _, e in ipairs(type(result) == 'table' and result or {}) do
    if e.name == FULL_NAME then lavrov = e end
  end
  local first = lavrov and lavrov.mentions[1]
  check('newsls.showEntities: each mention has its text and range (docs/protocol.md)',
    first and first.text == FULL_NAME and first.range and first.range.start.line == 0
      and first.range['end'].character - first.range.start.character == #FULL_NAME, lavrov)
  check(':NewslsFileEntities shows the mention count', lavrov
    and shown:find(string.format('%s  (person)  %d mentions', FULL_NAME, #lavrov.mentions), 1, true) ~= nil, shown)
  if out then vim.cmd('buffer ' .. bufnr); pcall(vim.api.nvim_buf_delete, out, { force = true }) end
end

-- :NewslsCiteAll -> newsls.citeAll (the server's workspace/applyEdit)
if feature('citeall', has_command('newsls.citeAll'), ':NewslsCiteAll wraps the other quotes',
    'server has no newsls.citeAll command') then
  local n0 = 0
  for _, l in ipairs(buf_lines(bufnr)) do for _ in l:gmatch('<cite ') do n0 = n0 + 1 end end
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.cmd('NewslsCiteAll')
  wait(timeout, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end)
  local n1, nested = 0, false
  for _, l in ipairs(buf_lines(bufnr)) do
    for _ in l:gmatch('<cite ') do n1 = n1 + 1 end
    nested = nested or l:find('<cite [^>]*>[^<]*<cite ') ~= nil
  end
  check(':NewslsCiteAll added citation tags', n1 > n0, { before = n0, after = n1 })
  check(':NewslsCiteAll nests no tags', not nested)
end

-- "Keep this block" (a command; the server's workspace/applyEdit appends to newsls.toml):
-- the rule is saved to disk, not left in a hidden modified buffer that :qa! would lose
do
  local kbuf = open_article(ws .. '/' .. KEEP_ARTICLE)
  local kd = vim.diagnostic.get(kbuf)
  table.sort(kd, function(a, b) return a.lnum < b.lnum end)
  local kc, mc = newsls.client(kbuf), newsls.client(bufnr)
  if check('keep: a second article of the workspace, same server, with boilerplate',
      #kd > 0 and kc ~= nil and mc ~= nil and kc.id == mc.id, { diagnostics = #kd }) then
    local toml = ws .. '/newsls.toml'
    local read = function() return table.concat(vim.fn.readfile(toml), '\n') end
    local before_toml = read()
    local kline = buf_lines(kbuf)[kd[1].lnum + 1]
    vim.api.nvim_win_set_cursor(0, { kd[1].lnum + 1, 0 })
    local chosen, titles = pick_action('Keep this block', function() return read() ~= before_toml end)
    check('keep: "Keep this block" offered', chosen, { titles = titles })
    local after_toml = read()
    local words = kline:match('^[%w ,]+') or kline:sub(1, 10)
    check('keep: newsls.toml on disk has the kept block after the first line',
      after_toml:sub(1, #before_toml) == before_toml and after_toml:find('[[boilerplate.keep]]', 1, true) ~= nil
        and after_toml:find(words:sub(1, 20), 1, true) ~= nil, { toml = after_toml, words = words })
    local dirty = {}
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_get_name(b):match('/newsls%.toml$') and vim.api.nvim_buf_is_loaded(b)
          and vim.bo[b].modified then
        table.insert(dirty, vim.api.nvim_buf_get_name(b))
      end
    end
    check('keep: no buffer holds unsaved changes to newsls.toml', #dirty == 0, dirty)
    wait(timeout, function()
      for _, d in ipairs(vim.diagnostic.get(kbuf)) do if d.lnum == kd[1].lnum then return false end end
      return true
    end)
    local still = false
    for _, d in ipairs(vim.diagnostic.get(kbuf)) do still = still or d.lnum == kd[1].lnum end
    check('keep: the kept block is no longer flagged', not still, vim.diagnostic.get(kbuf))
  end
  vim.cmd('buffer ' .. bufnr)
end

-- :NewslsRestart -> a new server, which publishes again
do
  local old = newsls.client(bufnr)
  local before = count_publishes()
  vim.cmd('NewslsRestart')
  wait(15000, function()
    local c = newsls.client(bufnr)
    return c ~= nil and old ~= nil and c.id ~= old.id and count_publishes() > before
  end)
  local new = newsls.client(bufnr)
  check(':NewslsRestart starts a new server that publishes again',
    new ~= nil and old ~= nil and new.id ~= old.id and count_publishes() > before,
    { old = old and old.id, new = new and new.id, publishes = count_publishes() - before })
  check('the old server exited with status 0', exits[1] ~= nil and exits[1].code == 0, exits)
  vim.wait(1000) -- a second server, had one started, would have answered initialize by now
  local roots = {}
  for _, c in ipairs(newsls.clients()) do
    if c.config.root_dir == new.config.root_dir then table.insert(roots, c.id) end
  end
  check(':NewslsRestart starts one server per workspace, shared by its buffers', #roots == 1, roots)
end
