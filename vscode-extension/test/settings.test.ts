import assert = require("assert/strict");
import { test } from "node:test";
import { reactionToChange, serverSettings } from "../src/settings";

function reader(values: Record<string, unknown>) {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test("only the profile and rule severities reach the server, and only when set", () => {
  assert.deepEqual(serverSettings(reader({ enable: true, path: "/x", profile: null, rules: {} })), {});
  assert.deepEqual(
    serverSettings(
      reader({
        enable: true,
        path: "/x",
        "trace.server": "verbose",
        profile: "sre-book",
        rules: { B002: "warning", A007: "off" },
      }),
    ),
    { profile: "sre-book", rules: { B002: "warning", A007: "off" } },
  );
});

test("a rule severity that is not a string is left to the defaults", () => {
  assert.deepEqual(serverSettings(reader({ rules: { B002: null, S001: "info" } })), { rules: { S001: "info" } });
});

test("enable and path restart the server; profile and rules are sent to it", () => {
  const only = (changed: string) => (section: string) => section === changed || changed.startsWith(`${section}.`);
  assert.equal(reactionToChange(only("pmlint.enable")), "restart");
  assert.equal(reactionToChange(only("pmlint.path")), "restart");
  assert.equal(reactionToChange(only("pmlint.profile")), "notify");
  assert.equal(reactionToChange(only("pmlint.rules")), "notify");
  assert.equal(reactionToChange(only("pmlint.trace.server")), "none");
  assert.equal(reactionToChange(only("editor.fontSize")), "none");
});
