-- Edits through the code-action menu: the remove-boilerplate quick fix and citing a quote.
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


-- a flagged block with article text after it (so "the block and the blank lines after it"
-- is well defined): the first line of a diagnostic, which covers a run of flagged blocks
-- (non-blank lines); inside a longer run the action is "Remove only this block"
local target
for _, d in ipairs(want) do
  -- boilerplate only (tagged Unnecessary): the quotes' findings have no block to remove
  local s = d.range.start.line
  local e = d.range['end'].line
  if d.range['end'].character == 0 and e > s then e = e - 1 end
  local nxt = s + 1
  while original[nxt + 1] ~= nil and original[nxt + 1]:match('^%s*$') do nxt = nxt + 1 end
  if vim.tbl_contains(d.tags or {}, 1) and original[nxt + 1] ~= nil then
    local n = 0
    for i = s, e do if not original[i + 1]:match('^%s*$') then n = n + 1 end end
    target = { s = s, nxt = nxt, code = d.code, blocks = n }
    break
  end
end
if check('a boilerplate block with text after it exists', target ~= nil) then
  local expected = {}
  for i, l in ipairs(original) do
    if i - 1 < target.s or i - 1 >= target.nxt then table.insert(expected, l) end
  end
  local before = count_publishes()
  vim.api.nvim_win_set_cursor(0, { target.s + 1, 0 })
  t = ms()
  local title = target.blocks == 1 and ('Remove this boilerplate block (' .. tostring(target.code) .. ')')
    or ('Remove only this block (' .. tostring(target.code) .. ')')
  local chosen, titles = pick_action(title)
  results.steps.quickfix_ms = ms() - t
  check('quick fix "' .. title .. '" offered', chosen, { titles = titles })
  check('quick fix removed exactly the block line(s) and the blank line(s) after',
    vim.deep_equal(buf_lines(bufnr), expected), { got = buf_lines(bufnr) })
  -- the edit reaches the server as didChange, and the server re-publishes for it
  t = ms()
  local version
  wait(timeout, function()
    version = vim.lsp.util.buf_versions[bufnr]
    for i = #publishes, 1, -1 do
      local p = publishes[i]
      if mine(p) and i > 0 and count_publishes() > before and (p.version == nil or p.version == version) then return true end
    end
    return false
  end)
  results.steps.republish_ms = ms() - t
  local last
  for _, p in ipairs(publishes) do if mine(p) then last = p end end
  check('server re-published after the edit, for the new version',
    count_publishes() > before and last and last.version == version, { last = last, version = version })
  local want_after = cli_diagnostics(bin, buf_lines(bufnr), ws)
  wait(timeout, function() return #vim.diagnostic.get(bufnr) == #want_after end)
  check('diagnostics after the edit match the server on the new text',
    #vim.diagnostic.get(bufnr) == #want_after, { got = #vim.diagnostic.get(bufnr), want = #want_after })
  local text, terr = request('newsls/documentText', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } })
  local mine_text = table.concat(buf_lines(bufnr), '\n') .. (vim.bo[bufnr].eol and '\n' or '')
  check("server's copy of the text equals the buffer", text and text.text == mine_text, terr or (text and text.text))
end

-- 8. cite a quote through the code-action menu ------------------------------------------
do
  local before_lines = buf_lines(bufnr)
  local qrow
  for i, l in ipairs(before_lines) do if l:find(QUOTE, 1, true) then qrow = i; break end end
  vim.api.nvim_win_set_cursor(0, { qrow or QUOTE_LNUM, 5 }) -- inside the quotation
  local prefix = 'Cite quote: ' .. FULL_NAME
  local chosen, titles = pick_action(prefix)
  local any_cite = false
  for _, ti in ipairs(titles) do any_cite = any_cite or ti:find('^Cite quote') ~= nil end
  if feature('cite', any_cite, 'cite-quote action wraps the quote in <cite speaker="Sergei Lavrov" ...>',
      'no "Cite quote" action offered: ' .. table.concat(titles, ' | ')) then
    check('code action "' .. prefix .. '" offered', chosen, { titles = titles })
    local after = buf_lines(bufnr)
    local same_elsewhere = #after == #before_lines
    for i = 1, #after do if i ~= qrow then same_elsewhere = same_elsewhere and after[i] == before_lines[i] end end
    local l = after[qrow or QUOTE_LNUM] or ''
    local pat = '^<cite speaker="' .. FULL_NAME .. '"[^>]*>' .. vim.pesc(QUOTE) .. '</cite> Lavrov said%.$'
    check('cite action wrapped exactly the quote on its line', l:find(pat) ~= nil, l)
    check('cite action changed nothing else', same_elsewhere)
  end
end
