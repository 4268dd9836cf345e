"""pytest-lsp fixtures: a real LSP client talking to `pmlint lsp` over stdio.

The server command comes from PMLINT_LSP_COMMAND (default: `pmlint lsp`); `cargo xtask ci`
points it at the freshly built binary.
"""

import asyncio
import os
import shlex
import shutil
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

FIXTURES = Path(__file__).parent / "fixtures"
SERVER = shlex.split(os.environ.get("PMLINT_LSP_COMMAND", "pmlint lsp"))


def make_client() -> LanguageClient:
    """pytest-lsp's client, also recording every publishDiagnostics (not only the latest
    per URI) and every pmlint/score notification."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # (uri, version, diagnostics)
    client.arrived_at = {}  # (uri, version) -> time.perf_counter() of the first publish
    client.scores = []

    def on_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append((params.uri, params.version, params.diagnostics))
        client.arrived_at.setdefault((params.uri, params.version), time.perf_counter())

    def on_score(client: LanguageClient, params):
        client.scores.append(params)

    def on_register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.CLIENT_REGISTER_CAPABILITY] = on_register
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_diagnostics
    features["pmlint/score"] = on_score
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"pmlint": {"rules": {"S004": "off"}}},
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def raw_client(lsp_client: LanguageClient):
    """A client that has not initialized the server; tests initialize it themselves."""
    yield
    if lsp_client.capabilities is None:
        # `exit` without `initialize`: the server must still go away.
        lsp_client.exit(None)
        await asyncio.wait_for(lsp_client._server.wait(), 10)
    else:
        await lsp_client.shutdown_session()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the fixtures in a temporary directory (config files get written there)."""
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    return tmp_path


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=version,
                text=path.read_text() if text is None else text,
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, edits):
    """Sends one incremental didChange: edits are (line, col, end_line, end_col, text)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=l1, character=c1),
                        end=types.Position(line=l2, character=c2),
                    ),
                    text=text,
                )
                for (l1, c1, l2, c2, text) in edits
            ],
        )
    )


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout=10.0):
    """Waits for diagnostics of `uri` (at `version` when given) and returns them."""

    async def wait():
        while True:
            for published_uri, published_version, diagnostics in reversed(client.published):
                if published_uri == uri and (version is None or published_version == version):
                    return diagnostics
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(wait(), timeout)


def codes(diagnostics) -> list[tuple[str, int]]:
    return [(d.code, d.range.start.line) for d in diagnostics]


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Applies LSP text edits (UTF-16 positions) the way an editor does."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return before + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), key=lambda s: s[:2])
    for start, end, new_text in reversed(spans):
        text = text[:start] + new_text + text[end:]
    return text
