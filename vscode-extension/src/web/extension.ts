// pmlint for VS Code in the browser (vscode.dev, github.dev): the WebAssembly language
// server in a web worker, with the same diagnostics, code actions and hover as the
// native one, and the score in the status bar. The commands that run the `pmlint` CLI
// are desktop-only. No file system: a `.pmlint.toml` is not read, the settings are.

import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/browser";
import { clientOptions } from "../client";
import { serverSettings } from "../settings";
import { SCORE_METHOD, ScoreReport, ScoreStatus } from "../status";

// The web extension host's global (this package's TypeScript has no DOM library).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.getConfiguration("pmlint").get<boolean>("enable", true)) {
    return;
  }
  const output = vscode.window.createOutputChannel("pmlint");
  const status = new ScoreStatus(vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100));
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, "dist/web/server.js").toString(true));
  client = new LanguageClient("pmlint", "pmlint", clientOptions([{ language: "markdown" }], output), worker);
  client.onNotification(SCORE_METHOD, (report: ScoreReport) => status.onScore(report));
  context.subscriptions.push(
    output,
    vscode.window.onDidChangeActiveTextEditor(() => status.showActive()),
    vscode.workspace.onDidCloseTextDocument((document) => status.onClose(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("pmlint")) {
        void client?.sendNotification("workspace/didChangeConfiguration", {
          settings: { pmlint: serverSettings(vscode.workspace.getConfiguration("pmlint")) },
        });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
