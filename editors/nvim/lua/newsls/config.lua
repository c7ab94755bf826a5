-- Default client configuration for newsls, shared by lsp/newsls.lua (Neovim 0.11+,
-- vim.lsp.config / vim.lsp.enable) and require('newsls').setup() (Neovim 0.7-0.10).
-- Only Neovim's built-in LSP client is used.
local M = {}

--- The server settings (section `newsls`), sent as initializationOptions and served to
--- workspace/configuration. An empty table means the server's defaults / newsls.toml.
--- Keys: include, exclude, maxFileSize, boilerplate = { enabled, severity, keep }.
M.settings = {}

function M.server_path()
  local p = vim.g.newsls_path
  if type(p) == 'string' and p ~= '' then return p end
  return 'newsls'
end

--- A fresh copy of the defaults (callers may change it).
function M.defaults()
  return {
    name = 'newsls',
    cmd = { M.server_path() },
    filetypes = vim.g.newsls_filetypes or { 'text' },
    root_markers = { 'newsls.toml', '.git' },
    settings = { newsls = vim.deepcopy(M.settings) },
    -- initializationOptions = the `newsls` settings, so the first analysis already uses them
    before_init = function(params, config)
      local s = config.settings and config.settings.newsls
      if s ~= nil and next(s) ~= nil then params.initializationOptions = s end
    end,
  }
end

return M
