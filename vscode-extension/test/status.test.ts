import assert = require("assert/strict");
import { beforeEach, test } from "node:test";
import { ScoreReport, ScoreStatus } from "../src/status";
import * as vscode from "./fake-vscode";

beforeEach(vscode.reset);

const SCORE = {
  total: 72,
  criteria: [
    { criterion: "blameless", title: "Blameless", score: 60, weight: 15, reason: "2 blaming phrases" },
    { criterion: "timeline", title: "Timeline", score: 80, weight: 10, reason: "6 timestamps | no time zone" },
  ],
};

function open(uri: string, languageId = "markdown") {
  vscode.window.activeTextEditor = { document: vscode.document(uri, languageId), selection: { active: new vscode.Position(0, 0) } };
}

function setup(answer: (uri: string) => ScoreReport | undefined = () => undefined) {
  const item = vscode.window.createStatusBarItem();
  const status = new ScoreStatus(item as any);
  const requested: string[] = [];
  status.connect(async (uri) => {
    requested.push(uri.toString());
    return answer(uri.toString());
  });
  return { item, status, requested };
}

test("the active postmortem's score shows when the server sends it", () => {
  open("file:///pm/postmortem.md");
  const { item, status } = setup();
  status.onScore({ uri: "file:///pm/other.md", version: 1, score: SCORE });
  assert.equal(item.visible, false, "another document's score");
  status.onScore({ uri: "file:///pm/postmortem.md", version: 3, score: SCORE });
  assert.equal(item.visible, true);
  assert.equal(item.text, "$(checklist) 72/100");
  const tooltip = (item.tooltip as vscode.MarkdownString).value;
  assert.match(tooltip, /\| Blameless \(15%\) \| 60 \| 2 blaming phrases \|/);
  assert.ok(tooltip.includes("| Timeline (10%) | 80 | 6 timestamps \\| no time zone |"), "a pipe in a reason stays in its cell");
  assert.equal(item.command, "workbench.actions.view.problems");

  status.onScore({ uri: "file:///pm/postmortem.md", version: 2, score: { ...SCORE, total: 10 } });
  assert.equal(item.text, "$(checklist) 72/100", "an older version's score is stale");
});

test("a Markdown file that is not a postmortem, and a non-Markdown editor, show nothing", async () => {
  open("file:///README.md");
  const { item, status } = setup();
  status.onScore({ uri: "file:///README.md", version: 1, score: null });
  assert.equal(item.visible, false);

  status.onScore({ uri: "file:///pm/postmortem.md", version: 1, score: SCORE });
  open("file:///pm/postmortem.md");
  await status.showActive();
  assert.equal(item.visible, true);
  open("file:///src/main.rs", "rust");
  await status.showActive();
  assert.equal(item.visible, false);
});

test("switching to a document not yet scored asks the server", async () => {
  open("file:///pm/a%20b.md");
  const { item, status, requested } = setup((uri) => ({ uri, version: 1, score: SCORE }));
  await status.showActive();
  assert.deepEqual(requested, ["file:///pm/a%20b.md", "file:///pm/a%20b.md"], "on connect and on switch");
  assert.equal(item.text, "$(checklist) 72/100");
});

test("a stopped server leaves no score behind", async () => {
  open("file:///pm/postmortem.md");
  const { item, status, requested } = setup();
  status.onScore({ uri: "file:///pm/postmortem.md", version: 1, score: SCORE });
  status.disconnect();
  assert.equal(item.visible, false);
  await status.showActive();
  assert.equal(item.visible, false);
  assert.equal(requested.length, 1, "only the request made on connect");
});

test("an executive update shows seed 000's rubric average, and the ten scores in the tooltip", () => {
  open("file:///comms/update.md");
  const { item, status } = setup();
  const rubric = ["headline", "structure", "evidence", "audience", "storytelling", "accountability", "actionability", "tone", "transparency", "credibility"].map(
    (criterion, i) => ({ criterion, score: (i % 5) + 1 }),
  );
  status.onScore({ uri: "file:///comms/update.md", version: 1, kind: "exec-update", score: { ...SCORE, rubric, average: 3.04 } });
  assert.equal(item.visible, true);
  assert.equal(item.text, "$(megaphone) 3.0/5");
  const tooltip = (item.tooltip as vscode.MarkdownString).value;
  assert.ok(tooltip.startsWith("**Executive update: rubric 3.0/5**"), tooltip);
  assert.ok(tooltip.includes("| Headline | 1 |") && tooltip.includes("| Credibility | 5 |"), tooltip);
  assert.equal(tooltip.split("\n").filter((line) => /^\| [A-Z]\w+ \| \d \|$/.test(line)).length, 10);
  assert.ok(!tooltip.includes("Blameless"), "a postmortem's criteria do not apply");

  // The same document declared a postmortem again: back to the score out of 100.
  status.onScore({ uri: "file:///comms/update.md", version: 2, kind: "postmortem", score: SCORE });
  assert.equal(item.text, "$(checklist) 72/100");
});
