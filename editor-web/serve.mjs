// Serves dist/ on 127.0.0.1 with the page's security headers. Used by
// `cargo xtask serve` and by the browser tests. Usage: node serve.mjs [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP, HEADER_ONLY_CSP } from './csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

const root = fileURLToPath(new URL('dist/', import.meta.url));

/** Starts the server; resolves to it once listening (port 0 picks a free port). */
export function serve(port = 8080, host = '127.0.0.1') {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(root + (path.endsWith('/') ? path + 'index.html' : path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || file.includes(`${sep}..`) || !type) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': type,
        'Content-Security-Policy': `${CSP}; ${HEADER_ONLY_CSP}`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.argv[2] ?? 8080));
  const { address, port } = server.address();
  console.log(`pmlint editor on http://${address}:${port}/`);
}
