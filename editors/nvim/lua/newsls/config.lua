-- Default client configuration for newsls, shared by lsp/newsls.lua (Neovim 0.11+,
-- vim.lsp.config / vim.lsp.enable) and require('newsls').setup() (Neovim 0.7-0.10).
-- Only Neovim's built-in LSP client is used.
local M = {}

--- The server settings (section `newsls`), sent as initializationOptions and served to
--- workspace/configuration. An empty table means the server's defaults / newsls.toml.
--- Keys: include, exclude, maxFileSize, boilerplate = { enabled, severity, keep }.
M.settings = {}

--- The settings file of a newsls workspace; its folder is the workspace root.
M.SETTINGS_FILE = 'newsls.toml'

function M.server_path()
  local p = vim.g.newsls_path
  if type(p) == 'string' and p ~= '' then return p end
  return 'newsls'
end

local function strip_slash(dir)
  return (dir:gsub('(.)/+$', '%1'))
end

--- Nearest directory above `path` holding one of `markers`, or nil.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    for _, m in ipairs(markers or {}) do
      if vim.loop.fs_stat(dir .. '/' .. m) then return dir end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then break end
    dir = parent
  end
  return nil
end

--- The folders the user declared as news (`folders` of setup(), else vim.g.newsls_folders),
--- as absolute paths.
function M.news_folders(folders)
  folders = folders or vim.g.newsls_folders or {}
  if type(folders) == 'string' then folders = { folders } end
  local out = {}
  for _, f in ipairs(folders) do
    table.insert(out, strip_slash(vim.fn.fnamemodify(vim.fn.expand(f), ':p')))
  end
  return out
end

--- Whether `lines` read like a news article: at least three prose lines (eight words or more,
--- ending like a sentence) among the first 200. A scraper's article passes; a requirements.txt
--- or a list of to-dos does not.
function M.reads_like_article(lines)
  local prose = 0
  for i = 1, math.min(#lines, 200) do
    local line = lines[i]
    local _, words = line:gsub('%S+', '')
    if words >= 8 and line:match('[%.%?!"\226\128\157]%s*$') then
      prose = prose + 1
      if prose >= 3 then return true end
    end
  end
  return false
end

--- The first lines of a file: from its loaded buffer, else from disk.
local function first_lines(path, bufnr)
  if bufnr and vim.api.nvim_buf_is_loaded(bufnr) then
    return vim.api.nvim_buf_get_lines(bufnr, 0, 200, false)
  end
  local ok, lines = pcall(vim.fn.readfile, path, '', 200)
  return ok and lines or {}
end

--- The workspace folder of a file, or nil when the file is not news (then no server starts):
--- 1. the nearest folder above it with a root marker (newsls.toml);
--- 2. else the innermost folder the user declared as news that holds it;
--- 3. else, for a `*.news.txt` file or a file that reads like an article (a scraper's folder),
---    the file's own folder.
--- Anything else (notes, requirements.txt in a code project) is left alone.
function M.root(path, markers, folders, bufnr)
  if path == nil or path == '' then return nil end
  path = vim.fn.fnamemodify(path, ':p')
  local marked = M.find_root(path, markers or { M.SETTINGS_FILE })
  if marked then return marked end
  local best
  for _, f in ipairs(M.news_folders(folders)) do
    if path:sub(1, #f + 1) == f .. '/' and (not best or #f > #best) then best = f end
  end
  if best then return best end
  if path:match('%.news%.txt$') or M.reads_like_article(first_lines(path, bufnr)) then
    return vim.fn.fnamemodify(path, ':h')
  end
  return nil
end

--- The edit's files named newsls.toml (the settings the "Keep this block" action writes to).
local function settings_files(edit)
  local out = {}
  local function add(uri)
    if type(uri) ~= 'string' then return end
    local fname = vim.uri_to_fname(uri)
    if vim.fn.fnamemodify(fname, ':t') == M.SETTINGS_FILE then out[fname] = true end
  end
  for uri in pairs(edit.changes or {}) do add(uri) end
  for _, change in ipairs(edit.documentChanges or {}) do
    add(change.textDocument and change.textDocument.uri or change.uri or change.newUri)
  end
  return out
end

local function find_buf(fname)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_get_name(b) == fname then return b end
  end
  return nil
end

--- Writes a settings file the server just edited, so that the edit is on disk (where the
--- server and the CLI read it) and not in a hidden buffer that `:qa!` would throw away.
--- A buffer that already had unsaved changes of the user's is left to the user.
local function save_settings(fname, before)
  local b = find_buf(fname)
  if not b or not vim.api.nvim_buf_is_loaded(b) or not vim.bo[b].modified then return end
  if before.modified then
    vim.notify('newsls: ' .. fname .. ' has other unsaved changes; save it to keep the new rule',
      vim.log.levels.WARN)
    return
  end
  local ok, err = pcall(vim.api.nvim_buf_call, b, function() vim.cmd('silent keepalt write') end)
  if not ok then
    vim.notify('newsls: could not write ' .. fname .. ': ' .. tostring(err), vim.log.levels.ERROR)
    return
  end
  if not before.exists and vim.fn.bufwinid(b) == -1 then pcall(vim.api.nvim_buf_delete, b, {}) end
end

--- workspace/applyEdit: Neovim's own handler, then every newsls.toml it changed is saved.
function M.apply_edit(err, params, ctx, cfg)
  local files = settings_files((params or {}).edit or {})
  local before = {}
  for fname in pairs(files) do
    local b = find_buf(fname)
    before[fname] = { exists = b ~= nil, modified = b ~= nil and vim.api.nvim_buf_is_loaded(b) and vim.bo[b].modified }
  end
  local result = vim.lsp.handlers['workspace/applyEdit'](err, params, ctx, cfg)
  if type(result) == 'table' and result.applied then
    for fname in pairs(files) do save_settings(fname, before[fname]) end
  end
  return result
end

--- textDocument/publishDiagnostics: Neovim's own handler, then the buffer's code lenses are
--- refreshed (the server has analysed a new version, so counts may have changed).
function M.publish_diagnostics(err, result, ctx, cfg)
  local out = vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, cfg)
  local bufnr = result and result.uri and vim.uri_to_bufnr(result.uri)
  if bufnr and vim.api.nvim_buf_is_loaded(bufnr) then
    vim.schedule(function() require('newsls.workspace').refresh_lenses(bufnr) end)
  end
  return out
end

--- The client capabilities: Neovim's, without pull diagnostics. Neovim 0.10+ can pull, and
--- newsls then stops pushing; the push model is the one every Neovim from 0.7 handles alike
--- (versions, the Unnecessary tag). null, not nil: 0.11 merges this into its defaults.
function M.capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  caps.textDocument.diagnostic = vim.NIL
  return caps
end

--- A fresh copy of the defaults (callers may change it).
function M.defaults()
  return {
    name = 'newsls',
    cmd = { M.server_path() },
    filetypes = vim.g.newsls_filetypes or { 'text' },
    root_markers = { M.SETTINGS_FILE },
    settings = { newsls = vim.deepcopy(M.settings) },
    handlers = { ['workspace/applyEdit'] = M.apply_edit, ['textDocument/publishDiagnostics'] = M.publish_diagnostics },
    capabilities = M.capabilities(),
    -- initializationOptions = the `newsls` settings, so the first analysis already uses them
    before_init = function(params, config)
      local s = config.settings and config.settings.newsls
      if s ~= nil and next(s) ~= nil then params.initializationOptions = s end
    end,
  }
end

return M
