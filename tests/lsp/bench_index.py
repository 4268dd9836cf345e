"""The workspace index of `pmlint lsp` (R001) on a folder of generated postmortems.

Opens the folder as the workspace, opens one postmortem at once, and prints: how soon
its first diagnostics arrive (linted without the index, which is still building), the
index build time the server logs, the server's resident memory before and after the
build, how soon the document is re-published with R001, and keystroke-to-diagnostics
latency with the index in use.

    cargo xtask corpus --count 2000 --out /tmp/corpus
    cargo build --release -p pmlint
    PMLINT_LSP_COMMAND="target/release/pmlint lsp" target/venv-lsp/bin/python tests/lsp/bench_index.py /tmp/corpus [FILE]

FILE (in the folder) is the document opened; the first by name by default.
"""

import asyncio
import os
import re
import shlex
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types

from conftest import make_client

EDITS = 50
PAUSE = 0.1  # seconds between keystrokes, beyond the 30 ms debounce


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


async def until(predicate, timeout=600.0):
    async def poll():
        while not predicate():
            await asyncio.sleep(0.001)

    await asyncio.wait_for(poll(), timeout)


async def main(folder: Path):
    client = make_client()
    await client.start_io(*shlex.split(os.environ.get("PMLINT_LSP_COMMAND", "pmlint lsp")))
    pid = client._server.pid
    started = time.perf_counter()
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
        )
    )
    before = rss_mib(pid)
    path = folder / sys.argv[2] if len(sys.argv) > 2 else sorted(folder.glob("*.md"))[0]
    uri = path.as_uri()
    opened = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=path.read_text())
        )
    )
    await until(lambda: (uri, 1) in client.arrived_at)
    first = (client.arrived_at[(uri, 1)] - opened) * 1000

    def indexed():
        return next((m.message for m in client.log_messages if "indexed" in m.message), None)

    await until(indexed)
    ready = time.perf_counter() - started
    after = rss_mib(pid)

    # Linted again once the index is in.
    await until(lambda: sum(u == uri for (u, _, _) in client.published) >= 2, timeout=30)
    republished = (time.perf_counter() - started) * 1000
    latencies = []
    for i in range(EDITS):
        await asyncio.sleep(PAUSE)
        version = i + 2
        position = types.Position(line=2, character=0)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(start=position, end=position), text="x")
                ],
            )
        )
        await until(lambda: (uri, version) in client.arrived_at)
        latencies.append((client.arrived_at[(uri, version)] - sent) * 1000)
    r001 = [d for d in client.diagnostics[uri] if d.code == "R001"]
    print(f"{indexed()} (server log; {ready * 1000:.0f} ms from initialize to the log line)")
    print(f"first diagnostics {first:.1f} ms after didOpen, while the index was building")
    print(f"re-published {republished:.0f} ms after initialize: {len(r001)} R001, "
          f"{sum(len(d.related_information or []) for d in r001)} related locations")
    print(f"server RSS {before:.1f} MiB before the build, {after:.1f} MiB after")
    print(f"keystroke -> diagnostics with the index, {EDITS} edits: p50 "
          f"{statistics.median(latencies):.2f} ms, max {max(latencies):.2f} ms")
    await client.shutdown_session()


asyncio.run(main(Path(sys.argv[1]).resolve()))
