// The desktop fallback when no native binary fits the machine: the same WebAssembly
// server in a Node process that vscode-languageclient/node forks with the IPC transport
// (JSON-RPC messages as objects over `process.send`).

import { serve } from "./serve";

serve({
  onMessage: (handler) => process.on("message", handler),
  send: (message) => process.send?.(message),
  close: () => process.exit(0),
});
