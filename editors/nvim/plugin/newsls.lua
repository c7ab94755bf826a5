-- newsls user commands (they act on the newsls client of the current buffer).
if vim.g.loaded_newsls then return end
vim.g.loaded_newsls = true

local cmds = {
  NewslsRestart = { 'restart', 'newsls: Restart server' },
  NewslsEntities = { 'show_entities', 'newsls: Show entities of this file' },
  NewslsCiteAll = { 'cite_all', 'newsls: Cite all quotes' },
  NewslsStrip = { 'strip', 'newsls: Strip boilerplate to new file' },
  NewslsRemoveBoilerplate = { 'remove_boilerplate', 'newsls: Remove all boilerplate in this file' },
}
for name, spec in pairs(cmds) do
  vim.api.nvim_create_user_command(name, function() require('newsls')[spec[1]]() end,
    { desc = spec[2] })
end
