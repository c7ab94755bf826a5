-- newsls for Neovim 0.11+:  vim.lsp.enable('newsls')
-- Override anything with vim.lsp.config('newsls', { cmd = { '/path/to/newsls' }, ... }).
-- (Neovim reads this file from the runtimepath; lua/newsls/config.lua holds the defaults.)
-- The server starts only for news (see config.root): a file under a folder with newsls.toml
-- (`root_markers`), under a folder listed in vim.g.newsls_folders, or a *.news.txt file or a
-- file that reads like an article (then its own folder is the workspace).
local config = require('newsls.config')
local c = config.defaults()
c.name = nil
c.root_dir = function(bufnr, on_dir)
  local ok, resolved = pcall(function() return vim.lsp.config.newsls end)
  local markers = ok and resolved and resolved.root_markers or c.root_markers
  local root = config.root(vim.api.nvim_buf_get_name(bufnr), markers, nil, bufnr)
  if root then on_dir(root) end
end
return c
