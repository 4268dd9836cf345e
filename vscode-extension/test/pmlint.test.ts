import assert = require("assert/strict");
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { listRules, pmlintAt } from "../src/pmlint";

/** A stand-in executable: prints its arguments, or fails like pmlint does. */
function script(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pmlint-run-"));
  const file = path.join(dir, "pmlint");
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

test("pmlint's stdout is the result", async () => {
  const echo = pmlintAt(script('printf "%s|" "$@"'));
  assert.equal(await echo(["init", "-", "--title", "Two words"]), "init|-|--title|Two words|");
});

test("a failing pmlint rejects with its stderr", async () => {
  const failing = pmlintAt(script('echo "pmlint: unknown rule \\`X\\`" >&2; exit 2'));
  await assert.rejects(failing(["explain", "X"]), /`pmlint explain X` failed: pmlint: unknown rule `X`/);
});

test("the rule list is parsed from `pmlint rules --format json`", async () => {
  const rules = pmlintAt(
    script(`[ "$*" = "rules --format json" ] && echo '[{"code":"S001","name":"missing-section","family":"structure","default_severity":"error","summary":"s"}]'`),
  );
  assert.deepEqual((await listRules(rules)).map((r) => r.code), ["S001"]);
});
