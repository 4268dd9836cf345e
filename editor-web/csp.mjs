// The page's Content-Security-Policy, in one place: build.mjs writes it into
// index.html and serve.mjs sends it as a header (workers take the header's policy).
// Nothing may leave the page: every source is the page's own origin, scripts may not
// be inline or eval'd, and WebAssembly compiles under 'wasm-unsafe-eval' only.
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  // CodeMirror draws squiggles and gutter markers as data: SVGs; they load nothing.
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Directives a <meta> policy may not carry.
export const HEADER_ONLY_CSP = "frame-ancestors 'none'";
