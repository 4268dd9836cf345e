"""R001 in the editor: the server indexes the workspace's postmortems in the background
and links a recurring cause to the alike causes of the other postmortems; saving,
creating and deleting files updates it."""

import shutil
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from conftest import FIXTURES, change, open_doc
from test_server import wait_until

ORDERS = "2025-01-15-orders-outage.md"
ORDERS_CAUSE_LINE = 28  # "The orders database connection pool was exhausted by slow report queries."
SEARCH = "2024-11-02-search-outage.md"
SEARCH_FACTOR_LINE = 27  # "- Slow queries exhausted the database connection pool."
LOGIN = "2025-02-03-login-outage.md"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The three postmortems of fixtures/recurring, two sharing a root cause, plus
    Markdown the CLI's discovery skips."""
    shutil.copytree(FIXTURES / "recurring", tmp_path, dirs_exist_ok=True)
    hidden = tmp_path / "node_modules" / "pkg"
    hidden.mkdir(parents=True)
    shutil.copy(tmp_path / SEARCH, hidden / SEARCH)
    return tmp_path


async def start(client: LanguageClient, folder: Path):
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="postmortems")],
        )
    )


def r001(client: LanguageClient, uri: str):
    return [d for d in client.diagnostics.get(uri, []) if d.code == "R001"]


def watched(client: LanguageClient, path: Path, kind: types.FileChangeType):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=kind)])
    )


async def test_recurring_cause_links_the_other_postmortem(raw_client: LanguageClient, folder: Path):
    await start(raw_client, folder)
    # Markdown files are watched, next to the config files.
    await wait_until(lambda: raw_client.registrations)
    [watch] = raw_client.registrations
    globs = [w["globPattern"] for w in watch.register_options["watchers"]]
    assert globs[0] == "**/.pmlint.toml" and "**/*.md" in globs

    uri = open_doc(raw_client, folder / ORDERS)
    await wait_until(lambda: r001(raw_client, uri))
    [found] = r001(raw_client, uri)
    assert found.range.start.line == ORDERS_CAUSE_LINE
    assert found.severity == types.DiagnosticSeverity.Information
    assert found.message.startswith('Recurring cause: alike to 1 other postmortem: "Postmortem: Search outage')
    # One link, to the search postmortem's factor (not to the copy in node_modules).
    [related] = found.related_information
    assert related.location.uri == (folder / SEARCH).as_uri()
    assert related.location.range.start == types.Position(line=SEARCH_FACTOR_LINE, character=0)
    assert "Slow queries exhausted the database connection pool" in related.message

    # A postmortem with a cause of its own gets no R001.
    login = open_doc(raw_client, folder / LOGIN)
    await wait_until(lambda: login in raw_client.diagnostics)
    assert r001(raw_client, login) == []

    # Unsaved edits never match the document's own indexed version.
    change(raw_client, uri, 2, [(ORDERS_CAUSE_LINE, 0, ORDERS_CAUSE_LINE, 0, "Also: ")])
    await wait_until(lambda: any(v == 2 for (u, v, _) in raw_client.published if u == uri))
    [found] = r001(raw_client, uri)
    assert [r.location.uri for r in found.related_information] == [(folder / SEARCH).as_uri()]


async def test_saving_creating_and_deleting_files_update_it(raw_client: LanguageClient, folder: Path):
    await start(raw_client, folder)
    uri = open_doc(raw_client, folder / ORDERS)
    await wait_until(lambda: r001(raw_client, uri))

    # The search postmortem is edited and saved without its pool factor: no recurrence.
    search = folder / SEARCH
    search_uri = open_doc(raw_client, search)
    text = search.read_text().replace("- Slow queries exhausted the database connection pool.\n", "")
    change(raw_client, search_uri, 2, [(0, 0, 999, 0, text)])
    search.write_text(text)
    raw_client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=search_uri))
    )
    await wait_until(lambda: not r001(raw_client, uri))

    # A new postmortem with the same cause appears on disk: linked.
    billing = folder / "incidents" / "2025-03-10-billing-outage.md"
    billing.parent.mkdir()
    billing.write_text(
        (folder / ORDERS)
        .read_text()
        .replace("Orders API outage on 2025-01-15", "Billing outage on 2025-03-10")
        .replace("The orders database", "The billing database")
    )
    watched(raw_client, billing, types.FileChangeType.Created)
    await wait_until(lambda: r001(raw_client, uri))
    [found] = r001(raw_client, uri)
    assert "Billing outage" in found.message
    [related] = found.related_information
    assert related.location.uri == billing.as_uri()
    assert related.location.range.start.line == ORDERS_CAUSE_LINE

    # Deleted: forgotten.
    billing.unlink()
    watched(raw_client, billing, types.FileChangeType.Deleted)
    await wait_until(lambda: not r001(raw_client, uri))


async def test_no_workspace_no_recurrence(raw_client: LanguageClient, folder: Path):
    # Without a workspace folder there is nothing to compare with, and nothing is watched
    # beyond config files.
    await raw_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    uri = open_doc(raw_client, folder / ORDERS)
    await wait_until(lambda: uri in raw_client.diagnostics)
    assert r001(raw_client, uri) == []
    await wait_until(lambda: raw_client.registrations)
    globs = [w["globPattern"] for w in raw_client.registrations[0].register_options["watchers"]]
    assert globs == ["**/.pmlint.toml"]


async def test_clients_without_related_information_get_it_in_the_message(
    raw_client: LanguageClient, folder: Path
):
    # A client that does not declare publishDiagnostics.relatedInformation.
    await raw_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="postmortems")],
        )
    )
    uri = open_doc(raw_client, folder / ORDERS)
    await wait_until(lambda: r001(raw_client, uri))
    [found] = r001(raw_client, uri)
    assert found.related_information is None
    assert "Slow queries exhausted the database connection pool" in found.message
