"""End-to-end tests of `pmlint lsp` through pytest-lsp's real LSP client."""

import asyncio
import json

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import FIXTURES, apply_edits, change, codes, diagnostics_for, open_doc

POSTMORTEM = FIXTURES / "postmortems" / "2025-01-15-checkout-outage.md"
IMPACT_LINE = 15  # "## Impact", an empty section
TIMELINE_ENTRY_LINE = 22  # "- 14:09 Error-rate alert fired for checkout"


def position(line, character):
    return types.Position(line=line, character=character)


def doc_id(uri):
    return types.TextDocumentIdentifier(uri=uri)


async def test_initialize_advertises_features(client: LanguageClient):
    result = client.init_result
    caps = result.capabilities
    assert result.server_info.name == "pmlint"
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close and caps.text_document_sync.save
    assert caps.hover_provider and caps.document_symbol_provider and caps.inlay_hint_provider
    assert set(caps.code_action_provider.code_action_kinds) == {"quickfix", "source.fixAll.pmlint"}
    assert "#" in caps.completion_provider.trigger_characters
    # VS Code's capabilities allow watching files: the server watches its config files.
    await wait_until(lambda: client.registrations)
    [watch] = client.registrations
    assert watch.method == "workspace/didChangeWatchedFiles"
    assert watch.register_options["watchers"][0]["globPattern"] == "**/.pmlint.toml"


async def test_diagnostics_on_open_and_incremental_change(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    diagnostics = await diagnostics_for(client, uri, version=1)
    assert ("S001", 0) in codes(diagnostics)  # no action items
    assert ("S002", IMPACT_LINE) in codes(diagnostics)
    empty = next(d for d in diagnostics if d.code == "S002")
    assert empty.source == "pmlint"
    assert empty.code_description.href.endswith("docs/rules.md#s002-empty-section")
    assert empty.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)
    # S004 is off through initializationOptions.
    assert "S004" not in [d.code for d in diagnostics]

    # Write into the empty Impact section: its S002 goes away.
    change(client, uri, 2, [(IMPACT_LINE + 1, 0, IMPACT_LINE + 1, 0, "About 12% of checkouts failed for 47 minutes.\n")])
    diagnostics = await diagnostics_for(client, uri, version=2)
    assert "S002" not in [d.code for d in diagnostics]
    assert ("S001", 0) in codes(diagnostics)
    score = [s for s in client.scores if s.version == 2][-1]
    assert score.uri == uri and 0 <= score.score.total <= 100


async def test_latest_version_wins(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    await diagnostics_for(client, uri, version=1)
    # A burst of keystrokes: only the last version is linted and published.
    for version, ch in enumerate("Some text", start=2):
        change(client, uri, version, [(IMPACT_LINE + 1, version - 2, IMPACT_LINE + 1, version - 2, ch)])
    last = 1 + len("Some text")
    await diagnostics_for(client, uri, version=last)
    await asyncio.sleep(0.2)
    versions = [v for (u, v, _) in client.published if u == uri]
    assert versions[-1] == last
    assert versions == sorted(versions), versions
    assert len(versions) < last, f"every keystroke was published: {versions}"


async def test_non_postmortems_get_nothing(client: LanguageClient, workspace):
    readme = workspace / "README.md"
    readme.write_text("# Project\n\nTODO: write docs.\n\n## Usage\n")
    uri = open_doc(client, readme)
    assert list(await diagnostics_for(client, uri, version=1)) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=position(2, 1))
    )
    assert hover is None


async def test_code_actions_fix_and_disable(client: LanguageClient):
    text = POSTMORTEM.read_text()
    uri = open_doc(client, POSTMORTEM)
    diagnostics = await diagnostics_for(client, uri, version=1)
    missing = next(d for d in diagnostics if d.code == "S001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=missing.range,
            context=types.CodeActionContext(diagnostics=[missing]),
        )
    )
    titles = [a.title for a in actions]
    assert "Disable S001 for this line" in titles and "Disable S001 for this file" in titles
    insert = next(a for a in actions if a.kind == "quickfix" and "Action Items" in a.title)
    fixed = apply_edits(text, insert.edit.changes[uri])
    assert "## Action Items" in fixed

    # Apply the fix as the editor would, through an incremental change.
    [edit] = insert.edit.changes[uri]
    change(client, uri, 2, [(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character, edit.new_text)])
    diagnostics = await diagnostics_for(client, uri, version=2)
    assert not any(d.code == "S001" and "Action Items" in d.message for d in diagnostics)

    # Disable S002 on its line: the comment suppresses it.
    empty = next(d for d in diagnostics if d.code == "S002")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=empty.range,
            context=types.CodeActionContext(diagnostics=[empty], only=["quickfix"]),
        )
    )
    disable = next(a for a in actions if a.title == "Disable S002 for this line")
    [edit] = disable.edit.changes[uri]
    assert edit.new_text == " <!-- pmlint-disable-line S002 -->"
    change(client, uri, 3, [(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character, edit.new_text)])
    diagnostics = await diagnostics_for(client, uri, version=3)
    assert "S002" not in [d.code for d in diagnostics]


async def test_fix_all(client: LanguageClient):
    text = POSTMORTEM.read_text()
    uri = open_doc(client, POSTMORTEM)
    await diagnostics_for(client, uri, version=1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc_id(uri),
            range=types.Range(start=position(0, 0), end=position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    [fix_all] = actions
    assert fix_all.kind == "source.fixAll.pmlint"
    fixed = apply_edits(text, fix_all.edit.changes[uri])
    change(client, uri, 2, [(0, 0, 999, 0, fixed)])
    diagnostics = await diagnostics_for(client, uri, version=2)
    assert not any(d.code == "S001" for d in diagnostics)


async def test_hover(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    await diagnostics_for(client, uri, version=1)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=position(IMPACT_LINE, 4))
    )
    assert "S002" in hover.contents.value and "Why it matters" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=position(TIMELINE_ENTRY_LINE, 10))
    )
    assert "7m since the start" in hover.contents.value
    assert "7m after the previous entry" in hover.contents.value


async def test_document_symbols(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc_id(uri))
    )
    [title] = symbols
    assert title.name == "Postmortem: Checkout outage on 2025-01-15"
    assert [s.name for s in title.children] == ["Summary", "Impact", "Timeline", "Root Cause"]
    assert title.children[2].selection_range.start.line == 17


async def test_completion(client: LanguageClient):
    text = POSTMORTEM.read_text() + "\n## "
    uri = open_doc(client, POSTMORTEM, text=text)
    last_line = text.count("\n")
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc_id(uri), position=position(last_line, 3))
    )
    items = result.items if hasattr(result, "items") else result
    assert items[0].label == "Action Items"
    assert items[0].detail == "required section · missing"
    assert items[0].text_edit.new_text.startswith("## Action Items\n")

    text += "Action Items\n\n| Action | Owner | Due date | Priority | Type | Ticket |\n|---|---|---|---|---|---|\n"
    change(client, uri, 2, [(0, 0, 9999, 0, text)])
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc_id(uri), position=position(text.count("\n"), 0))
    )
    items = result.items if hasattr(result, "items") else result
    row = next(i for i in items if i.label == "Action item row")
    assert row.insert_text_format == types.InsertTextFormat.Snippet
    assert row.text_edit.new_text.startswith("| ${1:What will be done, measurably} | ${2:@owner} |")


async def test_inlay_hints(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc_id(uri),
            range=types.Range(start=position(0, 0), end=position(100, 0)),
        )
    )
    assert [(h.position.line, h.label) for h in hints] == [
        (22, "+7m"),
        (23, "+6m"),
        (24, "+23m"),
        (25, "+11m"),
    ]


async def test_score_request(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    await diagnostics_for(client, uri, version=1)
    report = await client.protocol.send_request_async("pmlint/score", {"textDocument": {"uri": uri}})
    assert report.version == 1
    assert 0 <= report.score.total < 100
    assert [c.criterion for c in report.score.criteria] == [
        "summary", "impact", "timeline", "root_cause", "blameless", "action_items", "lessons",
    ]
    assert all(0 <= c.score <= 100 and c.reason for c in report.score.criteria)


async def test_editor_configuration_change(client: LanguageClient):
    uri = open_doc(client, POSTMORTEM)
    assert "S002" in [d.code for d in await diagnostics_for(client, uri, version=1)]
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pmlint": {"rules": {"S002": "off"}}})
    )
    await wait_until(lambda: "S002" not in [d.code for d in client.diagnostics[uri]])
    # A bad setting is refused with a message; the previous settings stay in force.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"pmlint": {"rules": {"S002": "loud"}}})
    )
    await wait_until(lambda: any("invalid editor settings" in m.message for m in client.messages))
    change(client, uri, 2, [(0, 0, 0, 0, "")])
    assert "S002" not in [d.code for d in await diagnostics_for(client, uri, version=2)]


async def test_config_file_error_and_reload(client: LanguageClient, workspace):
    config = workspace / ".pmlint.toml"
    config.write_text('profile = "sre-book"\n[rules]\nS002 = "nope"\n')
    doc = workspace / "postmortems" / "2025-01-15-checkout-outage.md"
    uri = open_doc(client, doc)
    diagnostics = await diagnostics_for(client, uri, version=1)
    # The broken file: a diagnostic on its line, a message, and the defaults in force.
    config_diagnostics = await diagnostics_for(client, config.as_uri())
    assert [d.range.start.line for d in config_diagnostics] == [2]
    assert any(".pmlint.toml" in m.message for m in client.messages)
    assert "S002" in [d.code for d in diagnostics]

    # Fixed on disk: reloaded on didChangeWatchedFiles; sre-book requires Detection.
    config.write_text('profile = "sre-book"\n[rules]\nS002 = "off"\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await wait_until(lambda: len(client.diagnostics[config.as_uri()]) == 0)
    await wait_until(lambda: "S002" not in [d.code for d in client.diagnostics[uri]])
    assert any("Detection" in d.message for d in client.diagnostics[uri])

    # Broken again: the last good configuration (S002 off) stays in force.
    config.write_text("[rules\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await wait_until(lambda: len(client.diagnostics.get(config.as_uri(), [])) == 1)
    change(client, uri, 2, [(0, 0, 0, 0, "")])
    diagnostics = await diagnostics_for(client, uri, version=2)
    assert "S002" not in [d.code for d in diagnostics]


async def test_robustness(client: LanguageClient, workspace):
    unknown = (workspace / "never-opened.md").as_uri()
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(unknown), position=position(0, 0))
    )
    assert hover is None
    change(client, unknown, 2, [(0, 0, 0, 0, "x")])

    uri = open_doc(client, POSTMORTEM)
    await diagnostics_for(client, uri, version=1)
    # Positions far outside the document clamp; edits from the past are ignored.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=position(10_000, 10_000))
    )
    assert hover is None
    change(client, uri, 5, [(10_000, 5, 10_000, 0, "\nappended\n")])
    change(client, uri, 3, [(0, 0, 0, 0, "stale ")])
    await diagnostics_for(client, uri, version=5)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc_id(uri))
    )
    assert not symbols[0].name.startswith("stale")
    assert any("version 3" in m.message for m in client.log_messages)

    # A 10 MB postmortem: linted, no crash, and the server still answers.
    big = POSTMORTEM.read_text() + ("- 15:00 Retried the payment batch for affected orders.\n" * 190_000)
    big_uri = (workspace / "postmortems" / "huge.md").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=big_uri, language_id="markdown", version=1, text=big)
        )
    )
    await diagnostics_for(client, big_uri, version=1, timeout=120)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc_id(uri), position=position(IMPACT_LINE, 3))
    )
    assert "S002" in hover.contents.value


async def test_requests_before_initialize_are_refused(raw_client: LanguageClient):
    with pytest.raises(Exception, match="-32002|not initialized|initialize"):
        await raw_client.text_document_hover_async(
            types.HoverParams(text_document=doc_id("file:///x.md"), position=position(0, 0))
        )
    # Notifications before initialize are dropped, not fatal: initialize still works.
    open_doc(raw_client, POSTMORTEM)
    result = await raw_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    assert result.server_info.name == "pmlint"


async def test_exit_ends_the_server(client: LanguageClient):
    await client.shutdown_async(None)
    client.exit(None)
    assert await asyncio.wait_for(client._server.wait(), 10) == 0
    client.capabilities = None  # nothing left for the fixture to shut down


async def test_utf8_is_negotiated_when_offered(raw_client: LanguageClient):
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
        )
    )
    result = await raw_client.initialize_session(types.InitializeParams(capabilities=caps))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    text = "# Postmortem: café ☕ outage\n\n## Summary\n\n## Timeline\n\n- 14:00 ☕ alert\n- 14:05 paged\n"
    uri = open_doc(raw_client, FIXTURES / "postmortems" / "utf8.md", text=text)
    hints = await raw_client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc_id(uri), range=types.Range(start=position(0, 0), end=position(99, 0))
        )
    )
    # "- 14:05" ends at byte 7 on line 7.
    assert [(h.position.line, h.position.character) for h in hints] == [(7, 7)]
    # An edit in UTF-8 columns: after "☕" (3 bytes) on line 6, byte column 11.
    change(raw_client, uri, 2, [(6, 11, 6, 11, "!")])
    await diagnostics_for(raw_client, uri, version=2)
    symbols = await raw_client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc_id(uri))
    )
    title = symbols[0]
    assert title.selection_range.end.character == len("# Postmortem: café ☕ outage".encode())


async def wait_until(predicate, timeout=10.0):
    async def poll():
        while not predicate():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)
