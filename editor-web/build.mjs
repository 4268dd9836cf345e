// Bundles the page into dist/: the editor, the lint worker, the wasm core (from
// pkg/, built by `cargo xtask` with wasm-bindgen --target web), HTML and CSS.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { CSP } from './csp.mjs';

const here = (path) => new URL(path, import.meta.url);
const dist = here('dist/');
await mkdir(dist, { recursive: true });

await build({
  entryPoints: { main: 'src/main.ts', worker: 'src/worker.ts' },
  absWorkingDir: here('.').pathname,
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

const html = await readFile(here('index.html'), 'utf8');
if (!html.includes('%CSP%')) throw new Error('index.html lacks the %CSP% placeholder');
await writeFile(new URL('index.html', dist), html.replace('%CSP%', CSP));
for (const file of ['style.css', 'editor.css', 'favicon.svg']) {
  await copyFile(here(file), new URL(file, dist));
}
await copyFile(here('pkg/pmlint_wasm_bg.wasm'), new URL('pmlint_wasm_bg.wasm', dist));
