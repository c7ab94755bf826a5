-- newsls user commands (they act on the newsls client of the current buffer), and the code
-- lenses: their client-side commands and their refresh.
if vim.g.loaded_newsls then return end
vim.g.loaded_newsls = true

local cmds = {
  NewslsRestart = { 'restart', 'newsls: Restart server' },
  NewslsFileEntities = { 'show_entities', 'newsls: Show entities of this file' },
  NewslsCiteAll = { 'cite_all', 'newsls: Cite all quotes' },
  NewslsStrip = { 'strip', 'newsls: Strip boilerplate to new file' },
  NewslsRemoveBoilerplate = { 'remove_boilerplate', 'newsls: Remove all boilerplate in this file' },
}
for name, spec in pairs(cmds) do
  vim.api.nvim_create_user_command(name, function() require('newsls')[spec[1]]() end,
    { desc = spec[2] })
end

-- the whole workspace (lua/newsls/workspace.lua)
vim.api.nvim_create_user_command('NewslsEntities', function(a)
  require('newsls.workspace').entities(a.args)
end, { nargs = '?', desc = 'newsls: Entities of the workspace (optional: part of a name)' })
vim.api.nvim_create_user_command('NewslsQuotes', function(a)
  local uri
  if a.args ~= '' then uri = vim.uri_from_fname(vim.fn.fnamemodify(vim.fn.expand(a.args), ':p')) end
  require('newsls.workspace').quotes(uri)
end, { nargs = '?', complete = 'file', desc = 'newsls: Quotes by speaker (optional: only this file, e.g. %)' })
vim.api.nvim_create_user_command('NewslsProblems', function()
  require('newsls.workspace').problems()
end, { desc = 'newsls: Findings of the whole workspace in the quickfix list' })

require('newsls.workspace').register_lens_commands()
local group = vim.api.nvim_create_augroup('newsls_lenses', { clear = true })
local events = { 'BufEnter', 'InsertLeave', 'BufWritePost' }
if vim.fn.exists('##LspAttach') == 1 then table.insert(events, 'LspAttach') end
vim.api.nvim_create_autocmd(events, {
  group = group,
  callback = function(args)
    -- after the event: a client attaching is not in the client list until its handler ran
    vim.schedule(function()
      if vim.api.nvim_buf_is_valid(args.buf) then require('newsls.workspace').refresh_lenses(args.buf) end
    end)
  end,
})
