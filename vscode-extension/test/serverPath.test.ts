import assert = require("assert/strict");
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterEach, beforeEach, test } from "node:test";
import { bundledServerPath, resolveServerPath } from "../src/serverPath";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pmlint-path-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(relative: string, mode: number): string {
  const full = path.join(dir, relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, "#!/bin/sh\n");
  fs.chmodSync(full, mode);
  return full;
}

test("the bundled server is used when pmlint.path is unset or blank", () => {
  const bundled = file("ext/bin/pmlint", 0o755);
  for (const setting of [undefined, null, "", "  "]) {
    assert.deepEqual(resolveServerPath(setting, path.join(dir, "ext"), dir), { ok: true, path: bundled });
  }
});

test("a missing bundled server is reported with the path tried", () => {
  const result = resolveServerPath(null, path.join(dir, "ext"), undefined);
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.message.includes(path.join(dir, "ext", "bin", "pmlint")), JSON.stringify(result));
  assert.ok(!result.ok && result.message.includes("does not exist"));
  assert.ok(!result.ok && result.message.includes("pmlint.path"));
});

test("pmlint.path wins over the bundled server; relative paths start at the workspace", () => {
  file("ext/bin/pmlint", 0o755);
  const own = file("tools/pmlint", 0o755);
  assert.deepEqual(resolveServerPath(own, path.join(dir, "ext"), "/elsewhere"), { ok: true, path: own });
  assert.deepEqual(resolveServerPath("tools/pmlint", path.join(dir, "ext"), dir), { ok: true, path: own });
});

test("~ in pmlint.path is the home directory", () => {
  const result = resolveServerPath("~/no-such-pmlint-here", dir, undefined);
  assert.ok(!result.ok && result.message.includes(path.join(os.homedir(), "no-such-pmlint-here")));
});

test("a pmlint.path that is not an executable file is refused, naming the path and the setting", () => {
  const plain = file("plain/pmlint", 0o644);
  const cases: [string, string][] = [
    [plain, "is not executable"],
    [path.join(dir, "plain"), "is not a file"],
    [path.join(dir, "missing"), "does not exist"],
  ];
  for (const [setting, problem] of cases) {
    const result = resolveServerPath(setting, dir, undefined);
    assert.equal(result.ok, false, setting);
    assert.ok(!result.ok && result.message.includes(`${setting} (from the "pmlint.path" setting) ${problem}`), JSON.stringify(result));
  }
});

test("the bundled binary has the platform's executable name", () => {
  assert.equal(bundledServerPath("/ext", "linux"), path.join("/ext", "bin", "pmlint"));
  assert.equal(bundledServerPath("/ext", "win32"), path.join("/ext", "bin", "pmlint.exe"));
});
