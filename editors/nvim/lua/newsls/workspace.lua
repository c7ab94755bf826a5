-- The whole workspace in Neovim (issue 22): the entities and quotes of every indexed file
-- through vim.ui.select pickers and the quickfix list, the workspace's findings as a
-- quickfix list, and the client side of the code lenses.
--   :NewslsEntities  entities of the workspace -> the chosen one's mentions in the quickfix list
--   :NewslsQuotes    speakers -> their quotes -> jump to the chosen quote (current file: :NewslsQuotes %)
--   :NewslsProblems  the workspace's findings (open or not) in the quickfix list
local M = {}

local has_011 = vim.fn.has('nvim-0.11') == 1
-- request and command names, generated from the server's contract (docs/protocol.md)
local protocol = require('newsls.protocol')
local REQ = {
  ENTITIES = protocol.requests.WORKSPACE_ENTITIES,
  MENTIONS = protocol.requests.ENTITY_MENTIONS,
  QUOTES = protocol.requests.WORKSPACE_QUOTES,
}

local function notify(msg, level) vim.notify('newsls: ' .. msg, level or vim.log.levels.INFO) end

local function client_of(bufnr)
  return require('newsls').client(bufnr)
end

local function capabilities(client)
  return client.server_capabilities or client.resolved_capabilities or {}
end

--- A synchronous request to the buffer's newsls client; returns result, err.
function M.request(method, params, bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_of(bufnr)
  if not client then return nil, 'no newsls client for this buffer' end
  local res, err
  if has_011 then
    res, err = client:request_sync(method, params, timeout_ms or 10000, bufnr)
  else
    res, err = client.request_sync(method, params, timeout_ms or 10000, bufnr)
  end
  if not res then return nil, err or 'timeout' end
  if res.err or res.error then return nil, res.err or res.error end
  return res.result, nil
end

local function encoding(bufnr)
  local c = client_of(bufnr)
  return c and c.offset_encoding or 'utf-16'
end

--- Quickfix items of `entries` ({uri, range, text, type?}): positions converted from the
--- negotiated encoding (Neovim reads the lines), each item with its entry's text prefixed.
--- locations_to_items sorts by file and position, so each file's entries go in sorted.
local function qf_items(entries, enc)
  local by_uri, uris = {}, {}
  for _, e in ipairs(entries) do
    if not by_uri[e.uri] then by_uri[e.uri] = {}; table.insert(uris, e.uri) end
    table.insert(by_uri[e.uri], e)
  end
  local items = {}
  for _, uri in ipairs(uris) do
    local es = by_uri[uri]
    table.sort(es, function(a, b)
      if a.range.start.line ~= b.range.start.line then return a.range.start.line < b.range.start.line end
      return a.range.start.character < b.range.start.character
    end)
    local locs = {}
    for i, e in ipairs(es) do locs[i] = { uri = e.uri, range = e.range } end
    for i, it in ipairs(vim.lsp.util.locations_to_items(locs, enc)) do
      local e = es[i]
      if e then
        it.text = e.text and (e.text .. ': ' .. vim.trim(it.text or '')) or it.text
        it.type = e.type
      end
      table.insert(items, it)
    end
  end
  return items
end

local function set_qf(items, title)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if #items > 0 then vim.cmd('botright copen') end
end

local function jump(uri, range, enc)
  local loc = { uri = uri, range = range }
  if vim.lsp.util.show_document then
    vim.lsp.util.show_document(loc, enc, { focus = true })
  else
    vim.lsp.util.jump_to_location(loc, enc)
  end
end

local function short(text, max)
  text = (text or ''):gsub('%s+', ' ')
  if #text > max then text = text:sub(1, max - 3) .. '...' end
  return text
end

local function where(uri, range)
  return vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t') .. ':' .. (range.start.line + 1)
end

local function entity_label(e)
  return string.format('%s (%s)  %d · %d file%s', e.name, e.kind, e.mentions, e.files, e.files == 1 and '' or 's')
end

--- The chosen entity's mentions into the quickfix list; returns the items.
function M.entity_mentions(entity, bufnr)
  local mentions, err = M.request(REQ.MENTIONS, { id = entity.id }, bufnr)
  if err then notify('mentions: ' .. vim.inspect(err), vim.log.levels.ERROR); return nil, err end
  local items = qf_items(mentions or {}, encoding(bufnr))
  set_qf(items, 'newsls: ' .. entity.name .. ' (' .. #items .. ' mentions)')
  return items
end

--- :NewslsEntities [query]. Picks an entity of the workspace; its mentions go to the quickfix
--- list. A server without workspace entities: the current file's (see show_entities).
function M.entities(query, bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local params = (query and query ~= '') and { query = query } or vim.empty_dict()
  local entities, err = M.request(REQ.ENTITIES, params, bufnr)
  if err then
    if type(err) == 'table' and err.code == -32601 then return require('newsls').show_entities(bufnr) end
    notify('entities: ' .. vim.inspect(err), vim.log.levels.ERROR)
    return nil, err
  end
  if #(entities or {}) == 0 then notify('no entities found'); return entities end
  vim.ui.select(entities, { prompt = 'Entities of the workspace', format_item = entity_label, kind = 'newsls.entity' },
    function(choice) if choice then M.entity_mentions(choice, bufnr) end end)
  return entities
end

local function quote_label(q)
  return string.format('%s %s  %s (%.2f)', q.cited and '[cited]' or '[ ]', short(q.text, 60), where(q.uri, q.range), q.confidence or 0)
end

local function speaker_label(g)
  local cited = 0
  for _, q in ipairs(g.quotes) do if q.cited then cited = cited + 1 end end
  return string.format('%s  %d quote%s, %d cited', g.speaker or '(unattributed)', #g.quotes, #g.quotes == 1 and '' or 's', cited)
end

--- :NewslsQuotes [file]. Picks a speaker, then one of their quotes, and jumps to it. `uri`:
--- only that file's quotes.
function M.quotes(uri, bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local groups, err = M.request(REQ.QUOTES, uri and { uri = uri } or vim.empty_dict(), bufnr)
  if err then notify('quotes: ' .. vim.inspect(err), vim.log.levels.ERROR); return nil, err end
  if #(groups or {}) == 0 then notify('no quotes found'); return groups end
  local enc = encoding(bufnr)
  vim.ui.select(groups, { prompt = 'Quotes by speaker', format_item = speaker_label, kind = 'newsls.speaker' }, function(g)
    if not g then return end
    vim.ui.select(g.quotes, { prompt = 'Quotes of ' .. (g.speaker or 'no speaker'), format_item = quote_label, kind = 'newsls.quote' },
      function(q) if q then jump(q.uri, q.range, enc) end end)
  end)
  return groups
end

local SEVERITY = { 'E', 'W', 'I', 'N' }

--- :NewslsProblems. The workspace's findings in the quickfix list: workspace/diagnostic when
--- the server offers it to this client, else (this plugin declines pull diagnostics, see
--- config.capabilities) the uncited quotes with a speaker of newsls/workspaceQuotes.
function M.problems(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_of(bufnr)
  if not client then notify('no newsls client for this buffer', vim.log.levels.WARN); return nil, 'no client' end
  local dp = capabilities(client).diagnosticProvider
  local items, enc = {}, encoding(bufnr)
  if type(dp) == 'table' and dp.workspaceDiagnostics then
    local report, err = M.request('workspace/diagnostic', { previousResultIds = {} }, bufnr, 30000)
    if err then notify('problems: ' .. vim.inspect(err), vim.log.levels.ERROR); return nil, err end
    local entries = {}
    for _, file in ipairs((report or {}).items or {}) do
      for _, d in ipairs(file.items or {}) do
        table.insert(entries, { uri = file.uri, range = d.range, text = d.message, type = SEVERITY[d.severity or 3] or 'I' })
      end
    end
    items = qf_items(entries, enc)
    M.last_source = 'workspace/diagnostic'
  else
    local groups, err = M.request(REQ.QUOTES, vim.empty_dict(), bufnr)
    if err then notify('problems: ' .. vim.inspect(err), vim.log.levels.ERROR); return nil, err end
    local entries = {}
    for _, g in ipairs(groups or {}) do
      if type(g.speaker) == 'string' then -- a quote without a speaker has nothing to cite
        for _, q in ipairs(g.quotes) do
          if not q.cited then
            table.insert(entries, { uri = q.uri, range = q.range, type = 'I',
              text = string.format('Quote of %s without a citation (%.2f)', g.speaker, q.confidence or 0) })
          end
        end
      end
    end
    items = qf_items(entries, enc)
    M.last_source = REQ.QUOTES
  end
  table.sort(items, function(a, b)
    if a.filename ~= b.filename then return a.filename < b.filename end
    return a.lnum < b.lnum
  end)
  set_qf(items, 'newsls: problems of the workspace')
  return items
end

--- The client-side commands of newsls's code lenses (vim.lsp.commands).
function M.register_lens_commands()
  vim.lsp.commands[protocol.client_commands.CLIENT_SHOW_REFERENCES] = function(command, ctx)
    local args = command.arguments or {}
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    set_qf(qf_items(args[3] or {}, client and client.offset_encoding or 'utf-16'), 'newsls: mentions')
  end
  vim.lsp.commands[protocol.client_commands.CLIENT_SHOW_QUOTES] = function(command, ctx)
    M.quotes((command.arguments or {})[1], ctx.bufnr)
  end
end

--- Refreshes the code lenses of a newsls buffer (on BufEnter, InsertLeave, BufWritePost).
function M.refresh_lenses(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_of(bufnr)
  if not client or not capabilities(client).codeLensProvider then return end
  if has_011 then
    vim.lsp.codelens.refresh({ bufnr = bufnr })
  elseif bufnr == vim.api.nvim_get_current_buf() then
    vim.lsp.codelens.refresh()
  end
end

return M
