import assert = require("assert/strict");
import { beforeEach, test } from "node:test";
import { explainRule, newCommunication, newPostmortem, profileChoices, ruleDocsProvider, ruleDocsUri } from "../src/commands";
import { Pmlint } from "../src/pmlint";
import * as vscode from "./fake-vscode";

const packageJson = require("../../package.json");

beforeEach(vscode.reset);

/** A pmlint that answers from a table and records its calls. */
function fakePmlint(answers: Record<string, string>): Pmlint & { calls: string[][] } {
  const calls: string[][] = [];
  const run = async (args: string[]) => {
    calls.push(args);
    const key = args.join(" ");
    if (key in answers) {
      return answers[key];
    }
    throw new Error(`\`pmlint ${key}\` failed: unexpected`);
  };
  return Object.assign(run, { calls });
}

const RULES = JSON.stringify([
  { code: "S001", name: "missing-section", family: "structure", default_severity: "error", summary: "A section is missing." },
  { code: "B002", name: "person-failure", family: "blame", default_severity: "warning", summary: "A person failed." },
]);

test("the profiles offered are the pmlint.profile values of package.json, without the unset one", () => {
  const names = profileChoices(packageJson).map((p) => p.name);
  assert.deepEqual(names, ["default", "sre-book", "pagerduty"]);
  assert.ok(profileChoices(packageJson).every((p) => p.description.length > 0));
});

test("New Postmortem asks for a profile and a title and opens the template untitled", async () => {
  const pmlint = fakePmlint({ "init - --profile sre-book --title Checkout outage": "# Postmortem: Checkout outage\n" });
  vscode.user.quickPick = (items) => items.find((i) => i.label === "sre-book");
  vscode.user.inputBox = () => "  Checkout outage ";
  await newPostmortem(pmlint, profileChoices(packageJson), "pagerduty");

  assert.equal(vscode.recorded.quickPicks[0].items[0].label, "pagerduty", "the configured profile comes first");
  assert.deepEqual(pmlint.calls, [["init", "-", "--profile", "sre-book", "--title", "Checkout outage"]]);
  const [shown] = vscode.recorded.shownDocuments;
  assert.equal(shown.uri.scheme, "untitled");
  assert.equal(shown.languageId, "markdown");
  assert.equal(shown.getText(), "# Postmortem: Checkout outage\n");
});

test("an empty title leaves the template's placeholder; cancelling either prompt does nothing", async () => {
  const pmlint = fakePmlint({ "init - --profile default": "# Postmortem: [Incident Title]\n" });
  vscode.user.quickPick = (items) => items[0];
  vscode.user.inputBox = () => "";
  await newPostmortem(pmlint, profileChoices(packageJson), null);
  assert.deepEqual(pmlint.calls, [["init", "-", "--profile", "default"]]);
  assert.equal(vscode.recorded.shownDocuments.length, 1);

  vscode.reset();
  vscode.user.quickPick = (items) => items[0];
  await newPostmortem(pmlint, profileChoices(packageJson), null); // title prompt dismissed
  vscode.user.quickPick = () => undefined;
  await newPostmortem(pmlint, profileChoices(packageJson), null);
  assert.equal(pmlint.calls.length, 1);
  assert.equal(vscode.recorded.shownDocuments.length, 0);
});

test("a failing pmlint init is shown as an error, and no document opens", async () => {
  const pmlint = fakePmlint({});
  vscode.user.quickPick = (items) => items[0];
  vscode.user.inputBox = () => "X";
  await newPostmortem(pmlint, profileChoices(packageJson), null);
  assert.equal(vscode.recorded.shownDocuments.length, 0);
  assert.match(vscode.recorded.errors[0], /pmlint init - --profile default --title X/);
});

test("Explain Rule offers the rule under the cursor first and previews its docs", async () => {
  const pmlint = fakePmlint({ "rules --format json": RULES, "explain B002": "# B002 person-failure\n" });
  const doc = vscode.document("file:///pm/postmortem.md");
  vscode.window.activeTextEditor = { document: doc, selection: { active: new vscode.Position(3, 5) } };
  const range = (line: number) => new vscode.Range(new vscode.Position(line, 0), new vscode.Position(line, 10));
  vscode.diagnostics.set(doc.uri.toString(), [
    { source: "markdownlint", code: "MD001", range: range(3) },
    { source: "pmlint", code: "S001", range: range(0) },
    { source: "pmlint", code: { value: "B002" }, range: range(3) },
  ]);
  vscode.user.quickPick = (items) => items[0];
  await explainRule(pmlint);

  assert.deepEqual(
    vscode.recorded.quickPicks[0].items.map((i: any) => i.label),
    ["B002", "S001"],
  );
  assert.deepEqual(vscode.recorded.executedCommands.map((c) => c.command), ["markdown.showPreview"]);
  const uri = vscode.recorded.executedCommands[0].args[0] as vscode.Uri;
  assert.equal(uri.toString(), ruleDocsUri("B002").toString());
  assert.equal(await ruleDocsProvider(pmlint).provideTextDocumentContent(uri as any, undefined as any), "# B002 person-failure\n");
});

test("Explain Rule with a code argument skips the prompt; cancelling opens nothing", async () => {
  const pmlint = fakePmlint({ "rules --format json": RULES });
  await explainRule(pmlint, "A001");
  assert.equal(vscode.recorded.quickPicks.length, 0);
  assert.equal((vscode.recorded.executedCommands[0].args[0] as vscode.Uri).path, "/A001.md");

  vscode.reset();
  await explainRule(pmlint);
  assert.equal(vscode.recorded.quickPicks.length, 1);
  assert.equal(vscode.recorded.executedCommands.length, 0);
});

test("an unknown rule's preview says what pmlint said", async () => {
  const pmlint = fakePmlint({});
  const text = await ruleDocsProvider(pmlint).provideTextDocumentContent(ruleDocsUri("Z9") as any, undefined as any);
  assert.match(String(text), /^# Z9\n\n`pmlint explain Z9` failed/);
});

test("New Executive Update and New Customer Notice open `pmlint init --kind`'s skeleton untitled", async () => {
  const pmlint = fakePmlint({
    "init - --kind exec-update --title We lost 4,000 orders on Saturday": "---\ntype: exec-update\n---\n\n# We lost 4,000 orders on Saturday\n",
    "init - --kind customer-notice": "---\ntype: customer-notice\n---\n\n# <What failed>\n",
  });
  vscode.user.inputBox = () => " We lost 4,000 orders on Saturday ";
  await newCommunication(pmlint, "exec-update");
  vscode.user.inputBox = () => "";
  await newCommunication(pmlint, "customer-notice");
  assert.deepEqual(pmlint.calls, [
    ["init", "-", "--kind", "exec-update", "--title", "We lost 4,000 orders on Saturday"],
    ["init", "-", "--kind", "customer-notice"],
  ]);
  const [update, notice] = vscode.recorded.shownDocuments;
  assert.equal(update.uri.scheme, "untitled");
  assert.equal(update.languageId, "markdown");
  assert.ok(update.getText().startsWith("---\ntype: exec-update\n"));
  assert.ok(notice.getText().startsWith("---\ntype: customer-notice\n"));

  vscode.reset();
  vscode.user.inputBox = () => undefined; // dismissed
  await newCommunication(pmlint, "exec-update");
  assert.equal(vscode.recorded.shownDocuments.length, 0);
});
