-- newsls for Neovim 0.11+:  vim.lsp.enable('newsls')
-- Override anything with vim.lsp.config('newsls', { cmd = { '/path/to/newsls' }, ... }).
-- (Neovim reads this file from the runtimepath; lua/newsls/config.lua holds the defaults.)
local c = require('newsls.config').defaults()
c.name = nil
return c
