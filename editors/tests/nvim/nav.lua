-- Hover, definition and references on "Lavrov" through Neovim's own LSP client.
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

if feature('hover', caps.hoverProvider, 'hover on "Lavrov" shows "Sergei Lavrov" and links to the other mentions',
    'server has no hoverProvider') then
  at_word()
  t = ms()
  local hover, herr = request('textDocument/hover', vim.lsp.util.make_position_params(0, enc))
  results.steps.hover_ms = ms() - t
  local value = hover and hover.contents
  if type(value) == 'table' then value = value.value or vim.inspect(value) end
  value = value or ''
  results.hover = value
  check('hover names the entity "Sergei Lavrov"', value:find(FULL_NAME, 1, true) ~= nil, herr or value)
  local links = 0
  for target in value:gmatch('%]%((file://[^)]+)%)') do
    if target:find(ARTICLE, 1, true) or target:find('%.txt') then links = links + 1 end
  end
  check('hover lists the other mentions as file links', links >= 2, { links = links, hover = value })
end

-- 5. definition: Neovim's own jump ------------------------------------------------------
if feature('definition', caps.definitionProvider, 'definition jumps to the first full mention "Sergei Lavrov"',
    'server has no definitionProvider') then
  at_word()
  t = ms()
  vim.lsp.buf.definition()
  wait(timeout, function()
    local c = vim.api.nvim_win_get_cursor(0)
    return c[1] ~= QUOTE_LNUM or c[2] ~= wcol
  end)
  results.steps.definition_ms = ms() - t
  local cur = vim.api.nvim_win_get_cursor(0)
  local line = vim.api.nvim_get_current_line()
  local first_full = original[1]:find(FULL_NAME, 1, true)
  check('definition jumps to the first full mention (line 1, "Sergei Lavrov")',
    vim.api.nvim_get_current_buf() == bufnr and cur[1] == 1 and first_full ~= nil
      and line:sub(cur[2] + 1):find('^' .. FULL_NAME) ~= nil,
    { row = cur[1], col = cur[2], at = line:sub(cur[2] + 1, cur[2] + 20) })
end

-- 6. references: every mention in the workspace ------------------------------------------
if feature('references', caps.referencesProvider, 'references count the mentions in the workspace',
    'server has no referencesProvider') then
  -- expected: the mentions of the entity "Sergei Lavrov" over the whole workspace (the CLI
  -- shares ids across the files of one run, like a workspace)
  local ents = cli_json({ bin, 'entities', '--format', 'json', ws })
  local id, n_want = nil, 0
  for _, f in ipairs(ents) do
    for _, e in ipairs(f.entities or {}) do
      if e.name == FULL_NAME then id = e.id end
    end
  end
  for _, f in ipairs(ents) do
    for _, e in ipairs(f.entities or {}) do
      if e.id == id then n_want = n_want + #(e.mentions or {}) end
    end
  end
  at_word()
  local params = vim.lsp.util.make_position_params(0, enc)
  params.context = { includeDeclaration = true }
  t = ms()
  local refs, rerr = request('textDocument/references', params)
  results.steps.references_ms = ms() - t
  local items = refs and vim.lsp.util.locations_to_items(refs, enc) or {}
  local words, ok_words = {}, #items > 0
  for _, it in ipairs(items) do
    -- the text at the location: "Lavrov", "Sergei Lavrov", or a spelling variant of the
    -- full name in another article ("Sergey Lavrov"); it must end in the surname
    local l = (it.text or ''):sub(it.col)
    local w = l:match('^[%w%.%- ]-' .. WORD) or l:sub(1, 20)
    table.insert(words, w)
    ok_words = ok_words and w:sub(-#WORD) == WORD and #w <= 24
  end
  check('references: one per mention in the workspace (' .. n_want .. ')', n_want >= 5 and #items == n_want,
    rerr or { got = #items, want = n_want })
  check('every reference is a mention of Lavrov', ok_words, words)
end
