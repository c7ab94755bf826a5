-- newsls for Neovim, built-in LSP client only.
--
--   Neovim 0.11+:  vim.lsp.enable('newsls')          (lsp/newsls.lua on the runtimepath)
--   Neovim 0.7-0.10: require('newsls').setup({ ... }) (works on 0.11 too)
--
-- setup() options (all optional): cmd, filetypes, root_markers, folders (news folders without
-- a newsls.toml; default vim.g.newsls_folders), settings = { newsls = {...} }, on_attach,
-- capabilities, handlers, and anything else vim.lsp.start() takes.
-- The server starts only for news files; see config.root for how the workspace is chosen.
-- User commands (plugin/newsls.lua): :NewslsRestart, :NewslsFileEntities, :NewslsCiteAll,
-- :NewslsStrip, :NewslsRemoveBoilerplate; the workspace-wide :NewslsEntities, :NewslsQuotes
-- and :NewslsProblems are in workspace.lua.
local config = require('newsls.config')
-- command names and kinds, generated from the server's contract (docs/protocol.md)
local protocol = require('newsls.protocol')

local M = {}

local has_011 = vim.fn.has('nvim-0.11') == 1

-- client method calls: `client:request()` on 0.11+, `client.request()` before
local function call(client, method, ...)
  if has_011 then return client[method](client, ...) end
  return client[method](...)
end

local function notify(msg, level)
  vim.notify('newsls: ' .. msg, level or vim.log.levels.INFO)
end

--- The configuration in force: setup()'s, else vim.lsp.config's (0.11+), else the defaults.
function M.resolved_config()
  if M._config then return M._config end
  if vim.lsp.config then
    local ok, c = pcall(function() return vim.lsp.config.newsls end)
    if ok and c then
      c = vim.deepcopy(c)
      c.name = 'newsls'
      return c
    end
  end
  return config.defaults()
end

--- newsls clients, of one buffer when `bufnr` is given.
function M.clients(bufnr)
  local out = {}
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'newsls', bufnr = bufnr })
  end
  local all = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
  for _, c in pairs(all) do
    if c.name == 'newsls' then table.insert(out, c) end
  end
  return out
end

function M.client(bufnr)
  return M.clients(bufnr or vim.api.nvim_get_current_buf())[1]
end

--- Neovim 0.7: the client started for each root (see M.start).
local started_07 = {}

--- Start (or reuse) the server for a buffer; returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then return nil end
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' then return nil end
  local base = M.resolved_config()
  local c = {}
  for k, v in pairs(base) do c[k] = v end
  c.name = 'newsls'
  local root = config.root(fname, base.root_markers, base.folders, bufnr)
  if not root then return nil end -- not news: no server for this buffer
  c.root_dir = root
  c.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  c.root_markers, c.filetypes, c.folders = nil, nil, nil
  if vim.lsp.start then -- 0.8+: reuses a client with the same name and root
    return vim.lsp.start(c, { bufnr = bufnr })
  end
  -- 0.7: get_active_clients() lists a client only once it has answered `initialize`, so a
  -- second buffer opened meanwhile would start a second server for the same root; remember
  -- the clients started here (get_client_by_id also finds the uninitialized ones).
  local known = { started_07[root] }
  for _, cl in ipairs(M.clients()) do table.insert(known, cl.id) end
  for _, id in ipairs(known) do
    local cl = vim.lsp.get_client_by_id(id)
    if cl and cl.config.root_dir == root and not cl.is_stopped() then
      vim.lsp.buf_attach_client(bufnr, cl.id)
      return cl.id
    end
  end
  local id = vim.lsp.start_client(c)
  if id then
    started_07[root] = id
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- For Neovim 0.7-0.10 (and 0.11 without vim.lsp.enable): start newsls on every buffer of
--- the configured filetypes.
function M.setup(opts)
  opts = opts or {}
  local cfg = config.defaults()
  for k, v in pairs(opts) do
    if k == 'settings' or k == 'handlers' then
      cfg[k] = vim.tbl_deep_extend('force', cfg[k], v)
    else
      cfg[k] = v
    end
  end
  M._config = cfg
  local group = vim.api.nvim_create_augroup('newsls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = cfg.filetypes,
    callback = function(args) M.start(args.buf) end,
  })
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(cfg.filetypes, vim.bo[b].filetype) then
      M.start(b)
    end
  end
end

--- :NewslsRestart. Stops every newsls client and starts one again for the buffers they had.
function M.restart()
  local bufs = {}
  for _, c in ipairs(M.clients()) do
    for _, b in ipairs(vim.lsp.get_buffers_by_client_id(c.id)) do bufs[b] = true end
    call(c, 'stop')
  end
  vim.wait(5000, function() return #M.clients() == 0 end, 20)
  local ids = {}
  for b in pairs(bufs) do
    if vim.api.nvim_buf_is_loaded(b) then table.insert(ids, M.start(b)) end
  end
  notify('restarted')
  return ids
end

--- workspace/executeCommand on the buffer's client (synchronous); returns result, err.
function M.execute(command, arguments, bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then return nil, 'no newsls client for this buffer' end
  local res, err = call(client, 'request_sync', 'workspace/executeCommand',
    { command = command, arguments = arguments }, timeout_ms or 10000, bufnr)
  if not res then return nil, err or 'timeout' end
  if res.err or res.error then return nil, res.err or res.error end
  return res.result, nil
end

local function entity_lines(entities)
  local lines = {}
  if type(entities) ~= 'table' then return { vim.inspect(entities) } end
  for _, e in ipairs(entities) do
    local n = type(e.mentions) == 'table' and #e.mentions or 0
    table.insert(lines, string.format('%s  (%s)  %d mention%s', tostring(e.name or e.id or '?'),
      tostring(e.kind or '?'), n, n == 1 and '' or 's'))
  end
  if #lines == 0 then lines = { '(no entities)' } end
  return lines
end

--- :NewslsFileEntities. Shows the entities of the current file in a scratch split.
function M.show_entities(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local result, err = M.execute(protocol.commands.SHOW_ENTITIES, { vim.uri_from_bufnr(bufnr) }, bufnr)
  if err then notify('entities: ' .. vim.inspect(err), vim.log.levels.ERROR); return nil, err end
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  vim.cmd('botright new')
  local out = vim.api.nvim_get_current_buf()
  vim.bo[out].buftype, vim.bo[out].bufhidden, vim.bo[out].swapfile = 'nofile', 'wipe', false
  vim.api.nvim_buf_set_lines(out, 0, -1, false, entity_lines(result))
  pcall(vim.api.nvim_buf_set_name, out, 'newsls-entities://' .. name)
  vim.bo[out].modifiable = false
  return result, nil, out
end

--- :NewslsCiteAll. The server wraps every attributed quote in a <cite> tag (its edit comes
--- back as workspace/applyEdit, which Neovim applies).
function M.cite_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local result, err = M.execute(protocol.commands.CITE_ALL, { vim.uri_from_bufnr(bufnr) }, bufnr)
  if err then notify('cite all: ' .. vim.inspect(err), vim.log.levels.ERROR) end
  return result, err
end

--- :NewslsRemoveBoilerplate. Applies the server's source.newsls.removeBoilerplate action.
function M.remove_boilerplate(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if not client then return nil, 'no newsls client for this buffer' end
  local last = math.max(vim.api.nvim_buf_line_count(bufnr) - 1, 0)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { protocol.kinds.SOURCE_REMOVE_BOILERPLATE } },
  }
  local res, err = call(client, 'request_sync', 'textDocument/codeAction', params, 10000, bufnr)
  if not res or res.err or res.error then return nil, err or res.err or res.error end
  for _, a in ipairs(res.result or {}) do
    if a.edit then
      vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding or 'utf-16')
      return a.title, nil
    end
  end
  notify('no boilerplate to remove')
  return nil, nil
end

--- :NewslsStrip. Runs `newsls strip` on the buffer's text and opens the result as
--- <name>.stripped.txt next to the file.
function M.strip(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cmd = M.resolved_config().cmd
  local exe = type(cmd) == 'table' and cmd[1] or config.server_path()
  local tmp = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), tmp)
  local out = vim.fn.system({ exe, 'strip', tmp })
  local code = vim.v.shell_error
  os.remove(tmp)
  if code ~= 0 then
    notify('strip failed (' .. code .. '): ' .. out, vim.log.levels.ERROR)
    return nil, out
  end
  local src = vim.api.nvim_buf_get_name(bufnr)
  local dest = vim.fn.fnamemodify(src, ':r') .. '.stripped.txt'
  local lines = vim.split(out, '\n', { plain = true })
  if lines[#lines] == '' then table.remove(lines) end
  vim.fn.writefile(lines, dest)
  vim.cmd('edit ' .. vim.fn.fnameescape(dest))
  return dest, nil
end

return M
