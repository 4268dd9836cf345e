-- End-to-end test of `pmlint lsp` in a real Neovim (0.7+), headless:
--   PMLINT_LSP_COMMAND="pmlint lsp" PMLINT_NVIM_FILE=examples/2025-02-03-login-latency-postmortem.md \
--     nvim --headless -u NONE -c 'luafile tests/lsp/nvim/test.lua'
-- Exits 0 when every check passes, 1 otherwise (with the failing check on stderr).

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

local function run()
  local file = assert(os.getenv('PMLINT_NVIM_FILE'), 'PMLINT_NVIM_FILE is not set')
  local cmd = vim.split(os.getenv('PMLINT_LSP_COMMAND') or 'pmlint lsp', ' ', { trimempty = true })

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'

  local client_id = vim.lsp.start_client({
    name = 'pmlint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  check(client_id ~= nil, 'the server starts')
  vim.lsp.buf_attach_client(bufnr, client_id)

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

  -- Code actions at the S007 diagnostic: apply "Disable S007 for this line".
  local client = vim.lsp.get_client_by_id(client_id)
  local stale = vim.diagnostic.get(bufnr, { lnum = status })[1]
  local at = { line = stale.lnum, character = stale.col }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = at, ['end'] = at },
    context = { diagnostics = {} },
  }, 10000)
  local chosen
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.title == 'Disable S007 for this line' then chosen = action end
    end
  end
  check(chosen ~= nil and chosen.kind == 'quickfix', 'a "Disable S007 for this line" quick fix is offered')
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

  vim.lsp.stop_client(client_id)

  -- A workspace whose postmortems share a root cause: R001 links to the other file.
  local folder = vim.fn.fnamemodify('tests/lsp/fixtures/recurring', ':p:h')
  vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/2025-01-15-orders-outage.md'))
  local orders = vim.api.nvim_get_current_buf()
  vim.bo[orders].filetype = 'markdown'
  local workspace_client = vim.lsp.start_client({ name = 'pmlint', cmd = cmd, root_dir = folder })
  vim.lsp.buf_attach_client(orders, workspace_client)
  local function recurring()
    for _, d in ipairs(vim.diagnostic.get(orders)) do
      if d.code == 'R001' then return d end
    end
  end
  vim.wait(20000, function() return recurring() ~= nil end, 20)
  local found = recurring()
  check(found ~= nil, 'R001 on a cause shared with another postmortem: ' .. codes(orders))
  local related = found.user_data.lsp.relatedInformation or {}
  local link = related[1] and related[1].location or { uri = '', range = { start = {} } }
  check(#related == 1 and link.uri == vim.uri_from_fname(folder .. '/2024-11-02-search-outage.md')
    and link.range.start.line == 27, 'R001 links to the alike cause: ' .. tostring(link.uri))
  vim.lsp.stop_client(workspace_client)
end

local ok, err = pcall(run)
io.stdout:write(string.format('%d passed, %d failed\n', passed, ok and 0 or math.max(failed, 1)))
if not ok then
  io.stderr:write('nvim test: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
