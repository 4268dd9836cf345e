// The Node build of the wasm core (wasm-bindgen --target experimental-nodejs-module),
// built by `cargo xtask` into pkg-node/.
export * as pmlint from '../pkg-node/pmlint_wasm.js';
