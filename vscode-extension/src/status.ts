// The status-bar item with the active postmortem's score (or, for an executive update or
// a customer notice, seed 000's rubric average), from the server's `pmlint/score`
// notification (sent after each lint) or, for a document not yet scored, its request.

import * as vscode from "vscode";

export const SCORE_METHOD = "pmlint/score";

/** The server's `pmlint/score` notification and response. */
export interface ScoreReport {
  uri: string;
  version: number;
  /** `postmortem`, `exec-update` or `customer-notice` (older servers omit it). */
  kind?: string;
  /** `null` when the server does not consider the document a postmortem. */
  score: Score | null;
}

/** 0–100, the weighted sum of seven criteria, each 0–100 with why (docs/score.md). */
export interface Score {
  total: number;
  criteria: { criterion: string; title: string; score: number; weight: number; reason: string }[];
  /** Seed 000's ten criteria, each 1–5, for a communication. */
  rubric?: { criterion: string; score: number }[];
  /** Their average, 1–5 with one decimal. */
  average?: number;
}

const KIND_TITLES: Record<string, string> = {
  "exec-update": "Executive update",
  "customer-notice": "Customer notice",
};

/** Asks the server for a document's score; `undefined` when it cannot answer. */
export type ScoreRequest = (uri: vscode.Uri) => Promise<ScoreReport | undefined>;

export class ScoreStatus {
  private readonly reports = new Map<string, ScoreReport>();
  private request: ScoreRequest | undefined;

  constructor(private readonly item: vscode.StatusBarItem) {
    item.name = "pmlint score";
    item.command = "workbench.actions.view.problems";
  }

  /** A (re)started server: scores come from it now. */
  connect(request: ScoreRequest): void {
    this.request = request;
    this.reports.clear();
    void this.showActive();
  }

  /** The server stopped: no score is current. */
  disconnect(): void {
    this.request = undefined;
    this.reports.clear();
    this.item.hide();
  }

  onScore(report: ScoreReport): void {
    // The server may spell a URI differently (percent-encoding): compare VS Code's spelling.
    const uri = vscode.Uri.parse(report.uri).toString();
    const previous = this.reports.get(uri);
    if (previous && previous.version > report.version) {
      return;
    }
    this.reports.set(uri, report);
    if (uri === activeUri()) {
      this.render(report);
    }
  }

  onClose(uri: vscode.Uri): void {
    this.reports.delete(uri.toString());
  }

  /** Shows the active document's score, asking the server when it has not sent one yet. */
  async showActive(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== "markdown" || !this.request) {
      this.item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    const known = this.reports.get(uri);
    if (known) {
      this.render(known);
      return;
    }
    this.item.hide();
    const report = await this.request(editor.document.uri);
    if (report) {
      this.onScore(report);
    }
  }

  private render(report: ScoreReport): void {
    const score = report.score;
    if (!score) {
      this.item.hide();
      return;
    }
    if (score.rubric && score.average !== undefined) {
      this.renderRubric(report.kind, score.rubric, score.average);
      return;
    }
    this.item.text = `$(checklist) ${score.total}/100`;
    const rows = score.criteria.map(
      (c) => `| ${c.title} (${c.weight}%) | ${c.score} | ${c.reason.replace(/\|/g, "\\|")} |`,
    );
    this.item.tooltip = new vscode.MarkdownString(
      [`**Postmortem score ${score.total}/100**`, "", "| Criterion | Score | Why |", "|---|---:|---|", ...rows].join("\n"),
    );
    this.item.show();
  }

  private renderRubric(kind: string | undefined, rubric: { criterion: string; score: number }[], average: number): void {
    const title = (kind ? KIND_TITLES[kind] : undefined) ?? "Communication";
    this.item.text = `$(megaphone) ${average.toFixed(1)}/5`;
    const rows = rubric.map((c) => `| ${criterionName(c.criterion)} | ${c.score} |`);
    this.item.tooltip = new vscode.MarkdownString(
      [
        `**${title}: rubric ${average.toFixed(1)}/5** (seed 000; hover the headline for what each criterion asks)`,
        "",
        "| Criterion | Score (1–5) |",
        "|---|---:|",
        ...rows,
      ].join("\n"),
    );
    this.item.show();
  }
}

/** `headline` → `Headline`, `audience` → `Audience`. */
function criterionName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function activeUri(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.toString();
}
