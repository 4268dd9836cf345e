// The package test: the .vsix that `cargo xtask vsix` built, unzipped and checked as VS Code
// would read it, and its bundled binary driven as `pmlint lsp` the way the extension drives it.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { readZip } from "./zip.mjs";
import { generatedManifest, MANIFEST, rulesOf } from "../scripts/generate-rule-settings.mjs";

const EXTENSION_DIR = fileURLToPath(new URL("..", import.meta.url));
const source = JSON.parse(readFileSync(MANIFEST, "utf8"));

let entries;
let manifest;
let target;
let binary;
let scratch;

before(() => {
  // This machine's package: its binary runs here.
  target = `${process.platform}-${process.arch}`;
  const file = `pmlint-${source.version}-${target}.vsix`;
  assert.ok(readdirSync(EXTENSION_DIR).includes(file), `no ${file} in ${EXTENSION_DIR}; run \`cargo xtask vsix --host\``);
  entries = readZip(readFileSync(join(EXTENSION_DIR, file)));
  manifest = JSON.parse(entries.get("extension/package.json").content.toString("utf8"));
  scratch = mkdtempSync(join(tmpdir(), "pmlint-vsix-"));
  const bin = entries.get("extension/bin/pmlint");
  binary = join(scratch, "pmlint");
  writeFileSync(binary, bin.content);
  chmodSync(binary, bin.mode & 0o777); // as VS Code does when it installs the extension
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test("the .vsix holds only the bundles (desktop, web, WebAssembly server), the binary, README, LICENSE and icon", () => {
  assert.deepEqual([...entries.keys()].sort(), [
    "[Content_Types].xml",
    "extension.vsixmanifest",
    "extension/LICENSE.txt",
    "extension/bin/pmlint",
    "extension/dist/extension.js",
    "extension/dist/web/extension.js",
    "extension/dist/web/nodeServer.js",
    "extension/dist/web/server.js",
    "extension/icon.png",
    "extension/package.json",
    "extension/readme.md",
  ]);
  const vsixManifest = entries.get("extension.vsixmanifest").content.toString("utf8");
  assert.ok(vsixManifest.includes(`TargetPlatform="${target}"`), `built for ${target}`);
  assert.match(vsixManifest, /Id="pmlint" Version="[^"]+" Publisher="pmlint"/);
});

test("the manifest activates on Markdown, runs the bundle and contributes commands and settings", () => {
  assert.deepEqual(manifest.activationEvents, ["onLanguage:markdown"]);
  assert.equal(manifest.main, "./dist/extension.js");
  assert.equal(manifest.browser, "./dist/web/extension.js");
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.deepEqual(
    manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`),
    [
      "pmlint: New Postmortem from Template",
      "pmlint: New Executive Update",
      "pmlint: New Customer Notice",
      "pmlint: Explain Rule",
      "pmlint: Restart Server",
    ],
  );
  const settings = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(settings), ["pmlint.enable", "pmlint.path", "pmlint.profile", "pmlint.rules", "pmlint.trace.server"]);
  // The bundle carries the language client: nothing is left to require at run time but vscode.
  const bundle = entries.get("extension/dist/extension.js").content.toString("utf8");
  assert.ok(bundle.includes("pmlint/score"));
  assert.doesNotMatch(bundle, /require\("vscode-languageclient/);
});

test("the binary is executable and the per-rule settings match its rules", () => {
  assert.equal(entries.get("extension/bin/pmlint").mode & 0o111, 0o111, "bin/pmlint has its executable bits");
  const current = readFileSync(MANIFEST, "utf8");
  assert.equal(
    generatedManifest(current, rulesOf(binary)),
    current,
    "package.json's pmlint.rules settings are stale: run `npm run generate -- PATH/TO/pmlint` in vscode-extension",
  );
  const codes = rulesOf(binary).map((r) => r.code);
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties["pmlint.rules"].properties), codes);
});

test("every profile the settings offer has a template", () => {
  const profiles = manifest.contributes.configuration.properties["pmlint.profile"].enum.filter(Boolean);
  for (const profile of profiles) {
    const text = execFileSync(binary, ["init", "-", "--profile", profile, "--title", "Checkout outage"], { encoding: "utf8" });
    assert.match(text, /^# Postmortem: Checkout outage\n/, profile);
  }
});

test("`pmlint lsp` answers initialize, lints with the extension's settings, and reports scores", async () => {
  const server = new LspProcess(binary);
  try {
    const init = await server.request("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
      // What the extension sends: serverSettings() of `pmlint.profile` and `pmlint.rules`.
      initializationOptions: { profile: "sre-book", rules: { S002: "off" } },
    });
    assert.equal(init.serverInfo.name, "pmlint");
    assert.equal(init.serverInfo.version, manifest.version);
    const caps = init.capabilities;
    assert.equal(caps.positionEncoding, "utf-16");
    assert.equal(caps.textDocumentSync.change, 2, "incremental sync");
    assert.equal(caps.textDocumentSync.save, true, "saves are reported (the workspace index)");
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds.slice(0, 1), ["quickfix"]);
    assert.equal(caps.documentSymbolProvider, true);
    assert.ok(caps.completionProvider.triggerCharacters.includes("#"));
    assert.equal(caps.inlayHintProvider, true);
    server.notify("initialized", {});

    const postmortem = "untitled:Untitled-1";
    const template = execFileSync(binary, ["init", "-", "--profile", "sre-book", "--title", "Checkout outage"], { encoding: "utf8" });
    server.notify("textDocument/didOpen", { textDocument: { uri: postmortem, languageId: "markdown", version: 1, text: template } });
    const first = await server.notification("textDocument/publishDiagnostics", (p) => p.uri === postmortem);
    const codes = first.diagnostics.map((d) => d.code);
    assert.ok(first.diagnostics.every((d) => d.source === "pmlint"));
    assert.ok(!codes.includes("S002"), `S002 is off through initializationOptions: ${codes}`);
    const score = await server.notification("pmlint/score", (p) => p.uri === postmortem);
    assert.equal(score.version, 1);
    assert.ok(score.score.total >= 0 && score.score.total <= 100);
    assert.equal(score.score.criteria.length, 7);
    assert.equal(score.kind, "postmortem");
    const requested = await server.request("pmlint/score", { textDocument: { uri: postmortem } });
    assert.deepEqual(requested.score, score.score);

    // A settings change as the extension sends it turns S002 back on.
    server.notify("workspace/didChangeConfiguration", { settings: { pmlint: { rules: { S002: "warning" } } } });
    const relinted = await server.notification(
      "textDocument/publishDiagnostics",
      (p) => p.uri === postmortem && p.diagnostics.some((d) => d.code === "S002"),
    );
    assert.ok(relinted.diagnostics.some((d) => d.code === "S002" && d.severity === 2));

    // An ordinary README stays silent: no findings, no score.
    const readme = "file:///tmp/project/README.md";
    server.notify("textDocument/didOpen", {
      textDocument: { uri: readme, languageId: "markdown", version: 1, text: "# My project\n\nA library.\n" },
    });
    const readmeScore = await server.notification("pmlint/score", (p) => p.uri === readme);
    assert.equal(readmeScore.score, null);
    assert.ok(
      server.received("textDocument/publishDiagnostics").filter((p) => p.uri === readme).every((p) => p.diagnostics.length === 0),
    );
    assert.deepEqual(server.received("window/showMessage"), [], "no complaint about the settings");

    await server.request("shutdown", null);
    server.notify("exit", null);
    assert.equal(await server.exited, 0);
  } finally {
    server.kill();
  }
});

/** The entries of a zip archive: name → { content, mode } (mode: Unix permission bits). */
/** A language server over stdio, spoken to in LSP's framed JSON-RPC. */
class LspProcess {
  constructor(binary) {
    this.child = spawn(binary, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.buffer = Buffer.alloc(0);
    this.messages = [];
    this.waiters = [];
    this.nextId = 1;
    this.child.stdout.on("data", (chunk) => this.receive(chunk));
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  notify(method, params) {
    this.send({ method, params });
  }

  async request(method, params) {
    const id = this.nextId++;
    this.send({ id, method, params });
    const response = await this.waitFor((m) => m.id === id && !m.method, `response to ${method}`);
    assert.equal(response.error, undefined, `${method}: ${JSON.stringify(response.error)}`);
    return response.result;
  }

  async notification(method, matches = () => true) {
    return (await this.waitFor((m) => m.method === method && matches(m.params), method)).params;
  }

  received(method) {
    return this.messages.filter((m) => m.method === method).map((m) => m.params);
  }

  waitFor(predicate, what) {
    const found = this.messages.find((m) => predicate(m) && !m.taken);
    if (found) {
      found.taken = true;
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000);
      this.waiters.push({ predicate, resolve, timer });
    });
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.toString("ascii", 0, headerEnd))[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.toString("utf8", headerEnd + 4, headerEnd + 4 + length));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    this.messages.push(message);
    if (message.method && message.id !== undefined) {
      // A request from the server (registerCapability, workspace/configuration): answer as VS Code would.
      const result = message.method === "workspace/configuration" ? message.params.items.map(() => ({})) : null;
      this.send({ id: message.id, result });
    }
    const waiter = this.waiters.find((w) => w.predicate(message));
    if (waiter) {
      message.taken = true;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    }
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill();
  }
}
