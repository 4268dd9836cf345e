// The lint worker: starts the wasm core, whose Rust entry (`serveWorker`) answers
// lint requests on this worker's message port.
import init, { serveWorker } from '../pkg/pmlint_wasm.js';

try {
  await init({ module_or_path: new URL('pmlint_wasm_bg.wasm', import.meta.url) });
  serveWorker();
} catch (error) {
  postMessage({ type: 'fatal', message: `the linter failed to start: ${String(error)}` });
}
