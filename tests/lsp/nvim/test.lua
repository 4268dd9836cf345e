-- End-to-end test of `pmlint lsp` in a real Neovim (0.7+), headless, configured by the
-- Neovim 0.7 snippet of docs/editors.md exactly as written there (read from the doc):
--   PATH="$(dirname "$PMLINT"):$PATH" PMLINT_NVIM_FILE=examples/2025-02-03-login-latency-postmortem.md \
--     nvim --headless -u NONE -c 'luafile tests/lsp/nvim/test.lua'
-- Run from the repository root. Exits 0 when every check passes, 1 otherwise (with the
-- failing check on stderr).

local passed, failed = 0, 0

local function check(ok, what)
  if ok then
    passed = passed + 1
    io.stdout:write('ok - ' .. what .. '\n')
  else
    failed = failed + 1
    io.stderr:write('FAIL - ' .. what .. '\n')
    error(what, 0)
  end
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, string.format('%s@%d', tostring(d.code), d.lnum))
  end
  table.sort(out)
  return table.concat(out, ' ')
end

local function has_code(bufnr, code, lnum)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code and (lnum == nil or d.lnum == lnum) then
      return true
    end
  end
  return false
end

local function find_line(bufnr, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(pattern) then
      return i - 1
    end
  end
  return nil
end

--- The first ```lua block after the "Older Neovim (0.7+)" paragraph of docs/editors.md.
local function documented_snippet()
  local lines, inside, seen = {}, false, false
  for line in io.lines('docs/editors.md') do
    if line:find('^Older Neovim %(0%.7%+%)') then
      seen = true
    elseif seen and not inside and line == '```lua' then
      inside = true
    elseif inside and line == '```' then
      return table.concat(lines, '\n')
    elseif inside then
      table.insert(lines, line)
    end
  end
  error('no Neovim 0.7 snippet in docs/editors.md')
end

local function pmlint_clients()
  local ids = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do
    if client.name == 'pmlint' then table.insert(ids, client.id) end
  end
  return ids
end

--- The ids of the clients attached to `bufnr`, once they have initialized (Neovim lists
--- a client only then).
local function attached(bufnr)
  local function ids()
    local out = {}
    for id, _ in pairs(vim.lsp.buf_get_clients(bufnr)) do table.insert(out, id) end
    return out
  end
  vim.wait(10000, function() return #ids() > 0 end, 20)
  return ids()
end

local function copy(from, to)
  vim.fn.writefile(vim.fn.readfile(from, 'b'), to, 'b')
end

local function run()
  local file = assert(os.getenv('PMLINT_NVIM_FILE'), 'PMLINT_NVIM_FILE is not set')
  check(vim.fn.executable('pmlint') == 1, 'pmlint is on the PATH, as the snippet expects')
  assert(loadstring(documented_snippet(), 'docs/editors.md'))()
  vim.cmd('filetype on')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'markdown', 'the postmortem is Markdown')
  local client_id = attached(bufnr)[1]
  check(client_id ~= nil, 'the snippet starts a server for the buffer')
  local client = vim.lsp.get_client_by_id(client_id)
  check(client.config.root_dir == vim.fn.getcwd(),
    'the root is the repository (the folder with .git): ' .. tostring(client.config.root_dir))

  -- Diagnostics on open: the example is still "In Review" long after the incident.
  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  local status = find_line(bufnr, '^%*%*Status:%*%*')
  check(has_code(bufnr, 'S007', status), 'S007 (stale draft) on the Status line: ' .. codes(bufnr))
  check(vim.diagnostic.get(bufnr)[1].source == 'pmlint', 'diagnostics come from pmlint')

  -- Type a blaming sentence: a blame (B) diagnostic appears on that line.
  local line = find_line(bufnr, '^## Impact') - 1
  vim.api.nvim_buf_set_lines(bufnr, line, line, false,
    { 'The outage happened because of human error: the engineer forgot to check the config.' })
  local function blamed()
    for _, diag in ipairs(vim.diagnostic.get(bufnr)) do
      if tostring(diag.code):sub(1, 1) == 'B' and diag.lnum == line then return true end
    end
    return false
  end
  vim.wait(10000, blamed, 20)
  check(blamed(), 'a blaming sentence gets a B diagnostic on its line: ' .. codes(bufnr))

  -- Code actions for the S007 diagnostic, named in the context as Neovim's own
  -- code_action() does: apply "Disable S007 for this line".
  local stale = vim.diagnostic.get(bufnr, { lnum = status })[1]
  local at = { line = stale.lnum, character = stale.col }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = at, ['end'] = at },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, status) },
  }, 10000)
  local chosen, titles = nil, {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      titles[action.title] = (titles[action.title] or 0) + 1
      if action.title == 'Disable S007 for this line' then chosen = action end
    end
  end
  check(chosen ~= nil and chosen.kind == 'quickfix', 'a "Disable S007 for this line" quick fix is offered')
  for title, count in pairs(titles) do
    check(count == 1, 'each action is offered once: ' .. title)
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  local text = vim.api.nvim_buf_get_lines(bufnr, status, status + 1, false)[1]
  check(text == '**Status:** In Review <!-- pmlint-disable-line S007 -->', 'the buffer has the comment: ' .. text)
  vim.wait(10000, function() return not has_code(bufnr, 'S007') end, 20)
  check(not has_code(bufnr, 'S007'), 'the disabled S007 is gone: ' .. codes(bufnr))

  -- Hover on the second timeline row shows elapsed times.
  local entry = find_line(bufnr, '^| 09:25')
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = { line = entry, character = 3 },
  }, 10000)
  local value = ''
  for _, response in pairs(hover or {}) do
    if response.result then value = response.result.contents.value end
  end
  check(value:find('15m since the start', 1, true) ~= nil, 'hover on a timeline row: ' .. value)

  -- `:e!` reloads the buffer and fires FileType again: the same server serves it.
  vim.cmd('edit!')
  check(#pmlint_clients() == 1, ':e! starts no other server: ' .. #pmlint_clients() .. ' running')
  check(#attached(bufnr) == 1 and attached(bufnr)[1] == client_id, 'the buffer keeps its one server')

  -- A project of its own (a .pmlint.toml asking for the sre-book profile), whose
  -- postmortems share a root cause: a second server, rooted there, with the snippet's
  -- settings over the file's profile, and R001 linking to the other file.
  local folder = vim.fn.tempname()
  vim.fn.mkdir(folder, 'p')
  local fixtures = 'tests/lsp/fixtures/recurring/'
  copy(fixtures .. '2025-01-15-orders-outage.md', folder .. '/2025-01-15-orders-outage.md')
  copy(fixtures .. '2024-11-02-search-outage.md', folder .. '/2024-11-02-search-outage.md')
  vim.fn.writefile({ 'profile = "sre-book"' }, folder .. '/.pmlint.toml')
  vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/2025-01-15-orders-outage.md'))
  local orders = vim.api.nvim_get_current_buf()
  local workspace_client = attached(orders)[1]
  check(workspace_client ~= nil and workspace_client ~= client_id, 'a second root gets its own server')
  check(vim.lsp.get_client_by_id(workspace_client).config.root_dir == folder,
    'rooted at the folder with .pmlint.toml, not the current directory')
  local settings = vim.lsp.get_client_by_id(workspace_client).config.settings
  check(settings.pmlint and settings.pmlint.profile == 'default', 'the snippet passes settings')
  local function recurring()
    for _, d in ipairs(vim.diagnostic.get(orders)) do
      if d.code == 'R001' then return d end
    end
  end
  -- The sre-book profile would require Detection: the editor's `default` wins.
  vim.wait(20000, function() return recurring() ~= nil and not has_code(orders, 'S001') end, 20)
  check(not has_code(orders, 'S001'), 'the settings reach the server (no sre-book S001): ' .. codes(orders))
  local found = recurring()
  check(found ~= nil, 'R001 on a cause shared with another postmortem: ' .. codes(orders))
  local related = found.user_data.lsp.relatedInformation or {}
  local link = related[1] and related[1].location or { uri = '', range = { start = {} } }
  check(#related == 1 and link.uri == vim.uri_from_fname(folder .. '/2024-11-02-search-outage.md')
    and link.range.start.line == 27, 'R001 links to the alike cause: ' .. tostring(link.uri))

  -- Another file of that project reuses its server.
  vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/2024-11-02-search-outage.md'))
  local search = vim.api.nvim_get_current_buf()
  check(attached(search)[1] == workspace_client, 'a second file of the project shares its server')
  vim.cmd('edit!')
  check(#pmlint_clients() == 2, 'one server per root: ' .. #pmlint_clients() .. ' running')

  vim.lsp.stop_client(pmlint_clients())
end

local ok, err = pcall(run)
io.stdout:write(string.format('%d passed, %d failed\n', passed, ok and 0 or math.max(failed, 1)))
if not ok then
  io.stderr:write('nvim test: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
