"""Keystroke-to-diagnostics latency of `pmlint lsp` on a 5,000-line postmortem.

Sends 200 single-character incremental didChange notifications, each after a typing
pause longer than the server's debounce, and times each until the publishDiagnostics
for that version arrives. Prints p50/p99/max in milliseconds.

    cargo build --release -p pmlint
    PMLINT_LSP_COMMAND="target/release/pmlint lsp" target/venv-lsp/bin/python tests/lsp/bench_latency.py
"""

import asyncio
import os
import shlex
import statistics
import time

from lsprotocol import types

from conftest import make_client

EDITS = 200
PAUSE = 0.1  # seconds between keystrokes: a typist's pause, beyond the 30 ms debounce


def big_postmortem(lines: int = 5000) -> str:
    head = [
        "# Postmortem: Checkout outage",
        "",
        "**Date:** 2025-01-15",
        "**Severity:** SEV2",
        "**Status:** Final",
        "**Owner:** @dana",
        "",
        "## Summary",
        "",
        "Checkout failed for 47 minutes after a configuration change; 12% of orders failed.",
        "",
        "## Impact",
        "",
        "About 12% of checkouts failed for 47 minutes, roughly 3,100 orders.",
        "",
        "## Timeline",
        "",
        "All times in UTC.",
        "",
        "| Time | Event |",
        "|------|-------|",
    ]
    timeline = [
        f"| {9 + i // 60 % 12:02d}:{i % 60:02d} | Step {i}: the deploy pipeline retried the batch |"
        for i in range(1500)
    ]
    cause = ["", "## Root Cause", ""]
    for i in range(lines):
        cause.append(
            f"The deployment pipeline allowed change {i} to ship without validating the secrets."
        )
        if i % 4 == 3:
            cause.append("")
    actions = [
        "",
        "## Action Items",
        "",
        "| Action | Owner | Due date | Priority | Type | Ticket |",
        "|---|---|---|---|---|---|",
        "| Validate secrets in the pipeline before deploy | @dana | 2025-02-01 | P1 | Prevent | PAY-101 |",
    ]
    body = (head + timeline + cause)[: lines - len(actions)]
    return "\n".join(body + actions) + "\n"


async def main():
    client = make_client()
    await client.start_io(*shlex.split(os.environ.get("PMLINT_LSP_COMMAND", "pmlint lsp")))
    await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    text = big_postmortem()
    uri = "file:///tmp/postmortems/big.md"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    while (uri, 1) not in client.arrived_at:
        await asyncio.sleep(0.01)
    latencies = []
    for i in range(EDITS):
        await asyncio.sleep(PAUSE)
        version = i + 2
        position = types.Position(line=40, character=3 + i % 10)  # inside the timeline table
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=position, end=position), text="x"
                    )
                ],
            )
        )
        while (uri, version) not in client.arrived_at:
            await asyncio.sleep(0.0002)
        latencies.append((client.arrived_at[(uri, version)] - sent) * 1000)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"{text.count(chr(10))} lines, {len(text) / 1024:.0f} KiB, {EDITS} edits: "
        f"didChange -> publishDiagnostics p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
        f"max {latencies[-1]:.2f} ms"
    )
    await client.shutdown_session()


asyncio.run(main())
