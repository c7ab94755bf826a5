-- Shared by the Neovim editor test (nvim_e2e.lua) and its feature modules: the fixture
-- constants, the check/pend/feature bookkeeping, waiting, and the CLI oracle.
local H = {}

local ARTICLE = '000_a66d8d7f1149ab9a.txt'
local WORD = 'Lavrov'
local FULL_NAME = 'Sergei Lavrov'
-- line 2 of the article (1-based) holds the quote to cite and a bare "Lavrov"
local QUOTE_LNUM = 2
local QUOTE = '"The timing and other organizational issues have to be coordinated by the nations,"'
-- the article whose first flagged block "Keep this block" writes to newsls.toml
local KEEP_ARTICLE = '001_c944185dd7e147ec.txt'

local T0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - T0) / 1e6) end
local V = vim.version()
local results = { checks = {}, steps = {}, nvim = V.major .. '.' .. V.minor .. '.' .. V.patch }
local failed, passed, pended = 0, 0, 0

local function say(s) io.stderr:write(string.format('[%6d ms] %s\n', ms(), s)) end
local function check(name, ok, detail)
  ok = ok and true or false
  table.insert(results.checks, { name = name, ok = ok, detail = (not ok) and detail or nil })
  if ok then passed = passed + 1 else failed = failed + 1 end
  say((ok and 'PASS ' or 'FAIL ') .. name ..
    ((not ok and detail ~= nil) and ('  -- ' .. vim.inspect(detail):gsub('%s*\n%s*', ' ')) or ''))
  return ok
end
local function pend(name, why)
  table.insert(results.checks, { name = name, pending = true, detail = why })
  pended = pended + 1
  say('PEND ' .. name .. '  -- ' .. why)
end
local function env(k)
  local v = os.getenv(k)
  if v == nil or v == '' then error('missing environment variable ' .. k) end
  return v
end

local PENDING = {}
for p in (os.getenv('PENDING') or ''):gmatch('[%w_-]+') do PENDING[p] = true end

-- a feature the server may not have yet: run its checks when it has it; otherwise PEND when
-- listed in PENDING, else FAIL at once
local function feature(name, present, title, why)
  if present then return true end
  if PENDING[name] then pend(title, why) else check(title, false, why) end
  return false
end

local function wait(ms_, fn) return vim.wait(ms_, fn, 10) end
local function buf_lines(b) return vim.api.nvim_buf_get_lines(b, 0, -1, false) end
local function copy(t) local r = {} for i, v in ipairs(t) do r[i] = v end return r end

-- the server's CLI is the oracle for what the classifier finds (it is in flux; the editor
-- test checks that the editor shows exactly what the server computes, not the classifier)
local function cli_json(args)
  local out = vim.fn.system(args)
  if vim.v.shell_error ~= 0 and vim.v.shell_error ~= 1 then error('CLI failed: ' .. table.concat(args, ' ') .. '\n' .. out) end
  return vim.json.decode(out)
end
local function cli_diagnostics(bin, lines, dir)
  local tmp = dir .. '/.oracle-' .. ARTICLE
  vim.fn.writefile(lines, tmp)
  local res = cli_json({ bin, 'check', '--format', 'json', '--position-encoding', 'utf-8', tmp })
  os.remove(tmp)
  return (res[1] or {}).diagnostics or {}
end

H.ARTICLE, H.WORD, H.FULL_NAME, H.QUOTE_LNUM, H.QUOTE, H.KEEP_ARTICLE = ARTICLE, WORD, FULL_NAME, QUOTE_LNUM, QUOTE, KEEP_ARTICLE
H.ms, H.results, H.say, H.check, H.pend, H.env, H.feature = ms, results, say, check, pend, env, feature
H.wait, H.buf_lines, H.copy, H.cli_json, H.cli_diagnostics = wait, buf_lines, copy, cli_json, cli_diagnostics
--- The counts so far: passed, failed, pending.
function H.counts() return passed, failed, pended end
return H
