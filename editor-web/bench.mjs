// Median lint time of a 1,000-line postmortem: in Chromium, through the page's own
// lint worker (50 runs), and natively (the same Rust function, 50 runs). Prints the
// .wasm size raw and gzipped. `cargo xtask bench-wasm` builds and runs it;
// `node bench.mjs FILE` times another document.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const RUNS = 50;
const LINES = 1000;
const repo = fileURLToPath(new URL('../', import.meta.url));
const outDir = `${repo}target/bench/`;

/** The checkout example, grown to 1,000 lines by an appendix of responder notes. */
function postmortem() {
  const example = readFileSync(`${repo}examples/2025-01-15-checkout-db-pool-postmortem.md`, 'utf8').trimEnd();
  const sentences = example
    .split('\n')
    .filter((line) => /^[A-Z].*\.$/.test(line))
    .flatMap((line) => line.split(/(?<=\.) /));
  const lines = [...example.split('\n'), '', '## Appendix: responder notes', ''];
  for (let i = 0; lines.length < LINES; i++) {
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`- 15:${minute} — ${sentences[i % sentences.length]}`);
  }
  return `${lines.join('\n')}\n`;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function chromiumTimes(text) {
  const server = await serve(0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator('body[data-lint="done"]').waitFor({ state: 'attached' });
    const [worker] = page.workers();
    // Drives the worker's own message handler (the Rust entry) synchronously and
    // catches its answers: `elapsedMs` is the lint as timed inside the wasm with
    // performance.now(); `roundTripMs` adds reading the request and building the JS result.
    return await worker.evaluate(
      ({ text, runs }) => {
        const post = self.postMessage;
        const elapsed = [];
        const roundTrip = [];
        self.postMessage = (message) => {
          if (message.type === 'result') elapsed.push(message.elapsedMs);
        };
        try {
          for (let i = 0; i < runs + 5; i++) {
            const start = performance.now();
            self.dispatchEvent(new MessageEvent('message', { data: { type: 'lint', id: i, text } }));
            roundTrip.push(performance.now() - start);
          }
        } finally {
          self.postMessage = post;
        }
        // The first runs warm up the engine's tiers.
        return { elapsed: elapsed.slice(5), roundTrip: roundTrip.slice(5) };
      },
      { text, runs: RUNS },
    );
  } finally {
    await browser.close();
    server.close();
  }
}

let file = process.argv[2] && resolve(process.argv[2]);
if (!file) {
  mkdirSync(outDir, { recursive: true });
  file = `${outDir}postmortem-1000.md`;
  writeFileSync(file, postmortem());
}
const text = readFileSync(file, 'utf8');

const wasm = readFileSync(new URL('dist/pmlint_wasm_bg.wasm', import.meta.url));
console.log(`pmlint_wasm_bg.wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped`);

const { elapsed, roundTrip } = await chromiumTimes(text);
console.log(`${file}: ${text.split('\n').length - 1} lines, ${Buffer.byteLength(text)} bytes`);
console.log(`Chromium (worker, ${RUNS} runs): median ${median(elapsed).toFixed(2)} ms lint, ${median(roundTrip).toFixed(2)} ms with the JS round trip`);

const native = execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'pmlint-wasm', '--example', 'bench', '--', file, String(RUNS)], {
  cwd: repo,
  encoding: 'utf8',
});
console.log(`native (${RUNS} runs): median ${Number(native.trim()).toFixed(2)} ms lint`);
