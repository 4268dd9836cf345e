// The command palette's "pmlint: New Postmortem from Template", "pmlint: New Executive
// Update", "pmlint: New Customer Notice" and "pmlint: Explain Rule".

import * as vscode from "vscode";
import { listRules, Pmlint } from "./pmlint";

export interface ProfileChoice {
  name: string;
  description: string;
}

/** The profiles `pmlint.profile` offers in package.json (its `null` means "from .pmlint.toml"). */
export function profileChoices(packageJson: any): ProfileChoice[] {
  const setting = packageJson?.contributes?.configuration?.properties?.["pmlint.profile"];
  const names: (string | null)[] = setting?.enum ?? [];
  const descriptions: string[] = setting?.enumDescriptions ?? [];
  return names.flatMap((name, i) => (name ? [{ name, description: descriptions[i] ?? "" }] : []));
}

/** Asks for a profile and a title, then opens the template as an untitled Markdown document. */
export async function newPostmortem(
  pmlint: Pmlint,
  profiles: ProfileChoice[],
  configuredProfile: string | null | undefined,
): Promise<void> {
  const ordered = [...profiles].sort(
    (a, b) => Number(b.name === configuredProfile) - Number(a.name === configuredProfile),
  );
  const profile = await vscode.window.showQuickPick(
    ordered.map((p) => ({ label: p.name, detail: p.description })),
    { title: "New Postmortem: template", placeHolder: "Which profile's sections?" },
  );
  if (!profile) {
    return;
  }
  const title = await vscode.window.showInputBox({
    title: "New Postmortem: incident title",
    prompt: "A short title for the incident (leave empty to fill it in later)",
    placeHolder: "Checkout outage",
  });
  if (title === undefined) {
    return;
  }
  const args = ["init", "-", "--profile", profile.label];
  if (title.trim()) {
    args.push("--title", title.trim());
  }
  try {
    const content = await pmlint(args);
    const document = await vscode.workspace.openTextDocument({ language: "markdown", content });
    await vscode.window.showTextDocument(document);
  } catch (error) {
    void vscode.window.showErrorMessage(messageOf(error));
  }
}

/** The communications written after an incident (seed 000), reviewed against its rubric. */
export type CommunicationKind = "exec-update" | "customer-notice";

const COMMUNICATION_TITLES: Record<CommunicationKind, string> = {
  "exec-update": "New Executive Update",
  "customer-notice": "New Customer Notice",
};

/**
 * Asks for a headline, then opens `pmlint init --kind KIND`'s skeleton as an untitled
 * Markdown document; its front matter (`type: exec-update`) tells the server its kind.
 */
export async function newCommunication(pmlint: Pmlint, kind: CommunicationKind): Promise<void> {
  const title = await vscode.window.showInputBox({
    title: `${COMMUNICATION_TITLES[kind]}: headline`,
    prompt: "The outcome and the failure, not a label (leave empty to fill it in later)",
    placeHolder: "We failed 80% of our customers for 2 hours on Saturday",
  });
  if (title === undefined) {
    return;
  }
  const args = ["init", "-", "--kind", kind];
  if (title.trim()) {
    args.push("--title", title.trim());
  }
  try {
    const content = await pmlint(args);
    const document = await vscode.workspace.openTextDocument({ language: "markdown", content });
    await vscode.window.showTextDocument(document);
  } catch (error) {
    void vscode.window.showErrorMessage(messageOf(error));
  }
}

/** Rule explanations are virtual Markdown documents `pmlint-rule:/B002.md`. */
export const RULE_DOCS_SCHEME = "pmlint-rule";

export function ruleDocsUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`${RULE_DOCS_SCHEME}:/${code}.md`);
}

/** Serves `pmlint explain CODE` as the text of `ruleDocsUri(CODE)`. */
export function ruleDocsProvider(pmlint: Pmlint): vscode.TextDocumentContentProvider {
  return {
    provideTextDocumentContent: async (uri) => {
      const code = uri.path.replace(/^\//, "").replace(/\.md$/, "");
      try {
        return await pmlint(["explain", code]);
      } catch (error) {
        return `# ${code}\n\n${messageOf(error)}\n`;
      }
    },
  };
}

/**
 * Shows a rule's docs in the Markdown preview. Without a `code` argument it asks, offering
 * first the rule of the pmlint diagnostic under the cursor.
 */
export async function explainRule(pmlint: Pmlint, code?: unknown): Promise<void> {
  let chosen = typeof code === "string" ? code : undefined;
  if (!chosen) {
    let rules;
    try {
      rules = await listRules(pmlint);
    } catch (error) {
      void vscode.window.showErrorMessage(messageOf(error));
      return;
    }
    const atCursor = ruleAtCursor();
    rules.sort((a, b) => Number(b.code === atCursor) - Number(a.code === atCursor));
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.code, description: r.name, detail: r.summary })),
      { title: "Explain Rule", placeHolder: "Rule code or name", matchOnDescription: true },
    );
    chosen = pick?.label;
  }
  if (chosen) {
    await vscode.commands.executeCommand("markdown.showPreview", ruleDocsUri(chosen));
  }
}

/** The rule code of a pmlint diagnostic under the active editor's cursor. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return undefined;
  }
  const cursor = editor.selection.active;
  const diagnostic = vscode.languages
    .getDiagnostics(editor.document.uri)
    .find((d) => d.source === "pmlint" && d.range.contains(cursor));
  const code = diagnostic?.code;
  return typeof code === "object" ? String(code.value) : code === undefined ? undefined : String(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
