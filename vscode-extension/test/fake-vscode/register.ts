// `node --require` this file to make `require("vscode")` load the fake.

import Module = require("module");

const resolve = (Module as any)._resolveFilename;
(Module as any)._resolveFilename = function (request: string, ...rest: unknown[]) {
  return resolve.call(this, request === "vscode" ? require.resolve("./index") : request, ...rest);
};
