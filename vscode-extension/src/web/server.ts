// The web worker that vscode.dev and github.dev start for the extension: the
// WebAssembly server on the worker's message port, where vscode-languageclient/browser
// posts JSON-RPC messages as objects.

import { serve } from "./serve";

declare const self: {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

serve({
  onMessage: (handler) => {
    self.onmessage = (event) => handler(event.data);
  },
  send: (message) => self.postMessage(message),
  close: () => self.close(),
});
