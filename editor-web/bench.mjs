// `node bench.mjs RUNS FILE…`: times the lint the wasm build runs (parse, rules, score,
// checklist, UTF-16 conversion) on each file in Chromium (through the page's own lint
// worker: the lint alone, and with the JS round trip) and in Node (the pkg-node build
// called directly, JS result included), and the same Rust function natively
// (`pmlint-wasm --example bench`). Prints one JSON object: the .wasm size and, per
// file, every run's milliseconds on each side. Run by
// `cargo xtask bench`, which builds everything first and turns it into a table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { pmlint } from './tests/wasm.mjs';
import { serve } from './serve.mjs';

// The first runs warm up the engine's tiers and are not counted.
const WARM_UP = 5;

function nodeTimes(text, runs) {
  const times = [];
  for (let i = 0; i < runs + WARM_UP; i++) {
    const start = performance.now();
    pmlint.lint(text);
    times.push(performance.now() - start);
  }
  return times.slice(WARM_UP);
}

async function chromiumTimes(texts, runs) {
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
    // catches its answers: `elapsedMs` is the lint alone, timed inside the wasm with
    // performance.now() around the same function the native side times; the round trip
    // adds reading the request and building the JS result, as the Node figure does.
    return await worker.evaluate(
      ({ texts, runs, warmUp }) => {
        const post = self.postMessage;
        let elapsed = [];
        self.postMessage = (message) => {
          if (message.type === 'result') elapsed.push(message.elapsedMs);
        };
        try {
          return texts.map((text) => {
            elapsed = [];
            const roundTrip = [];
            for (let i = 0; i < runs + warmUp; i++) {
              const start = performance.now();
              self.dispatchEvent(new MessageEvent('message', { data: { type: 'lint', id: i, text } }));
              roundTrip.push(performance.now() - start);
            }
            return { lint: elapsed.slice(warmUp), roundTrip: roundTrip.slice(warmUp) };
          });
        } finally {
          self.postMessage = post;
        }
      },
      { texts, runs, warmUp: WARM_UP },
    );
  } finally {
    await browser.close();
    server.close();
  }
}

function nativeTimes(file, runs) {
  const repo = new URL('../', import.meta.url);
  const output = execFileSync(
    'cargo',
    ['run', '--quiet', '--release', '--locked', '-p', 'pmlint-wasm', '--example', 'bench', '--', file, String(runs)],
    { cwd: repo, encoding: 'utf8' },
  );
  return output.trim().split(',').map(Number);
}

const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
if (!Number.isInteger(runs) || runs < 1 || files.length === 0) {
  console.error('usage: node bench.mjs RUNS FILE…');
  process.exit(2);
}
const texts = files.map((file) => readFileSync(file, 'utf8'));
const wasm = readFileSync(new URL('dist/pmlint_wasm_bg.wasm', import.meta.url));
const chromiumRuns = await chromiumTimes(texts, runs);
console.log(
  JSON.stringify({
    wasmBytes: wasm.length,
    wasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
    documents: files.map((file, i) => ({
      file,
      bytes: Buffer.byteLength(texts[i]),
      node: nodeTimes(texts[i], runs),
      chromium: chromiumRuns[i].lint,
      chromiumRoundTrip: chromiumRuns[i].roundTrip,
      native: nativeTimes(file, runs),
    })),
  }),
);
