// The WebAssembly language server (the native server's features, compiled from
// crates/pmlint-lsp into crates/pmlint-wasm) behind a message port: each JSON-RPC
// message in, its answers out. The web worker and the desktop fallback differ only in
// the port.

import { initSync, LanguageServer } from "../../wasm/pmlint_wasm";
// esbuild inlines the module's bytes (`--loader:.wasm=binary`): nothing to fetch.
import wasm from "../../wasm/pmlint_wasm_bg.wasm";

export interface Port {
  onMessage(handler: (message: unknown) => void): void;
  send(message: unknown): void;
  /** After the client's `exit` notification. */
  close(): void;
}

export function serve(port: Port): void {
  initSync({ module: wasm });
  // The server has no clock: today's UTC date, as the native server takes it.
  const server = new LanguageServer(new Date().toISOString().slice(0, 10));
  port.onMessage((message) => {
    for (const answer of server.handle(JSON.stringify(message))) {
      port.send(JSON.parse(answer));
    }
    if ((message as { method?: string }).method === "exit") {
      port.close();
    }
  });
}
