// Parity of the WebAssembly language server (what vscode.dev runs in a worker, and the
// desktop fallback) with the native `pmlint lsp`: on every example postmortem, the same
// diagnostics, the same code actions at each of them and the same hover. Runs the bundle
// `cargo xtask vsix` built (dist/web/nodeServer.js, forked with the IPC transport as the
// desktop extension forks it) against the binary in PMLINT (default: bin/pmlint).

import assert from "node:assert/strict";
import { fork, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const EXTENSION_DIR = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLES = join(EXTENSION_DIR, "..", "examples");
const NATIVE = process.env.PMLINT ?? join(EXTENSION_DIR, "bin", "pmlint");

/** A minimal LSP client over a message channel: requests by id, notifications kept. */
class Client {
  constructor(send, subscribe) {
    this.send = send;
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    subscribe((message) => {
      if (message.id !== undefined && this.pending.has(message.id)) {
        this.pending.get(message.id)(message);
        this.pending.delete(message.id);
      } else if (message.method) {
        this.notifications.push(message);
        this.waiters = this.waiters.filter((w) => !w());
      }
    });
  }
  request(method, params) {
    const id = this.nextId++;
    this.send({ jsonrpc: "2.0", id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 20000);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        message.error ? reject(new Error(message.error.message)) : resolve(message.result);
      });
    });
  }
  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }
  /** The diagnostics published for `uri` at `version`. */
  diagnostics(uri, version) {
    const found = () =>
      this.notifications.find(
        (n) => n.method === "textDocument/publishDiagnostics" && n.params.uri === uri && n.params.version === version,
      );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 20000);
      const check = () => {
        const hit = found();
        if (hit) {
          clearTimeout(timer);
          resolve(hit.params.diagnostics);
        }
        return Boolean(hit);
      };
      if (!check()) this.waiters.push(check);
    });
  }
}

/** `pmlint lsp` over stdio, with LSP's Content-Length framing. */
function nativeServer() {
  const child = spawn(NATIVE, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  const client = new Client(
    (message) => {
      const body = Buffer.from(JSON.stringify(message));
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    },
    (handler) =>
      child.stdout.on("data", (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const end = buffer.indexOf("\r\n\r\n");
          if (end < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
          if (buffer.length < end + 4 + length) return;
          handler(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()));
          buffer = buffer.subarray(end + 4 + length);
        }
      }),
  );
  return { client, stop: () => child.kill() };
}

/** The WebAssembly server as the desktop fallback runs it: forked, IPC transport. */
function wasmServer() {
  const child = fork(join(EXTENSION_DIR, "dist", "web", "nodeServer.js"), [], { stdio: "inherit" });
  const client = new Client(
    (message) => child.send(message),
    (handler) => child.on("message", handler),
  );
  return { client, stop: () => child.kill() };
}

// VS Code's relevant client capabilities.
const CAPABILITIES = {
  general: { positionEncodings: ["utf-16"] },
  textDocument: {
    publishDiagnostics: { relatedInformation: true },
    completion: { completionItem: { snippetSupport: true } },
  },
};

let servers;
const initialized = {};

before(async () => {
  servers = { native: nativeServer(), wasm: wasmServer() };
  for (const [kind, { client }] of Object.entries(servers)) {
    initialized[kind] = await client.request("initialize", { processId: null, rootUri: null, capabilities: CAPABILITIES });
    client.notify("initialized", {});
  }
});

after(() => Object.values(servers).forEach((s) => s.stop()));

test("both servers announce the same capabilities and name", () => {
  assert.equal(initialized.native.serverInfo.name, "pmlint");
  assert.deepEqual(initialized.wasm, initialized.native);
});

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".md"));
let compared = 0;

test("there are examples to compare", () => assert.ok(examples.length >= 3, examples.join(", ")));

for (const name of examples) {
  test(`same diagnostics, code actions and hover on examples/${name}`, async () => {
    const text = readFileSync(join(EXAMPLES, name), "utf8");
    // An untitled document: neither server reads a .pmlint.toml or indexes a folder.
    const uri = `untitled:${name}`;
    const answers = {};
    for (const [kind, { client }] of Object.entries(servers)) {
      client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
      const diagnostics = await client.diagnostics(uri, 1);
      const perDiagnostic = [];
      for (const diagnostic of diagnostics) {
        const actions = await client.request("textDocument/codeAction", {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic] },
        });
        const hover = await client.request("textDocument/hover", {
          textDocument: { uri },
          position: diagnostic.range.start,
        });
        perDiagnostic.push({ actions, hover });
      }
      const score = await client.request("pmlint/score", { textDocument: { uri } });
      client.notify("textDocument/didClose", { textDocument: { uri } });
      answers[kind] = { diagnostics, perDiagnostic, score };
    }
    compared += answers.native.diagnostics.length;
    assert.deepEqual(answers.wasm.diagnostics, answers.native.diagnostics);
    assert.deepEqual(answers.wasm.perDiagnostic, answers.native.perDiagnostic);
    assert.deepEqual(answers.wasm.score, answers.native.score);
  });
}

test("the examples gave findings to compare", () => assert.ok(compared > 10, `${compared} diagnostics`));

test("the web worker bundle serves LSP on a worker's message port", async () => {
  const source = readFileSync(join(EXTENSION_DIR, "dist", "web", "server.js"), "utf8");
  const posted = [];
  const scope = { onmessage: null, postMessage: (m) => posted.push(m), close: () => {} };
  new Function("self", source)(scope);
  scope.onmessage({ data: { jsonrpc: "2.0", id: 1, method: "initialize", params: { capabilities: {} } } });
  assert.equal(posted[0].id, 1);
  assert.equal(posted[0].result.serverInfo.name, "pmlint");
  const flawed = join(EXAMPLES, "incident-report-payments-outage.md");
  const uri = pathToFileURL(flawed).href;
  const text = readFileSync(flawed, "utf8");
  scope.onmessage({
    data: { jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "markdown", version: 1, text } } },
  });
  const published = posted.find((m) => m.method === "textDocument/publishDiagnostics");
  assert.ok(published.params.diagnostics.length > 0);
});
