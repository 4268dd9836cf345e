// pmlint for VS Code: starts `pmlint lsp` on Markdown files (the server decides which are
// postmortems), keeps its settings in step, and adds the commands and the score item.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { explainRule, newPostmortem, profileChoices, RULE_DOCS_SCHEME, ruleDocsProvider } from "./commands";
import { pmlintAt, Pmlint } from "./pmlint";
import { resolveServerPath, ServerPath } from "./serverPath";
import { reactionToChange, serverSettings } from "./settings";
import { SCORE_METHOD, ScoreReport, ScoreStatus } from "./status";

let client: LanguageClient | undefined;
let status: ScoreStatus;
let output: vscode.OutputChannel;
let extensionDir: string;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionDir = context.extensionPath;
  output = vscode.window.createOutputChannel("pmlint");
  status = new ScoreStatus(vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100));
  const pmlint: Pmlint = (args) => {
    const server = serverPath();
    return server.ok ? pmlintAt(server.path)(args) : Promise.reject(new Error(server.message));
  };
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, ruleDocsProvider(pmlint)),
    vscode.commands.registerCommand("pmlint.newPostmortem", () =>
      newPostmortem(
        pmlint,
        profileChoices(context.extension.packageJSON),
        vscode.workspace.getConfiguration("pmlint").get<string | null>("profile"),
      ),
    ),
    vscode.commands.registerCommand("pmlint.explainRule", (code?: unknown) => explainRule(pmlint, code)),
    vscode.commands.registerCommand("pmlint.restartServer", restart),
    vscode.window.onDidChangeActiveTextEditor(() => status.showActive()),
    vscode.workspace.onDidCloseTextDocument((document) => status.onClose(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const reaction = reactionToChange((section) => event.affectsConfiguration(section));
      if (reaction === "restart") {
        void restart();
      } else if (reaction === "notify") {
        void client?.sendNotification("workspace/didChangeConfiguration", {
          settings: { pmlint: serverSettings(vscode.workspace.getConfiguration("pmlint")) },
        });
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

function serverPath(): ServerPath {
  const setting = vscode.workspace.getConfiguration("pmlint").get<string | null>("path");
  return resolveServerPath(setting, extensionDir, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
}

async function start(): Promise<void> {
  if (!vscode.workspace.getConfiguration("pmlint").get<boolean>("enable", true)) {
    return;
  }
  const server = serverPath();
  if (!server.ok) {
    const choice = await vscode.window.showErrorMessage(server.message, "Open Settings");
    if (choice) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "pmlint.path");
    }
    return;
  }
  const serverOptions: ServerOptions = { command: server.path, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
    ],
    initializationOptions: serverSettings(vscode.workspace.getConfiguration("pmlint")),
    outputChannel: output,
    middleware: {
      workspace: {
        // The server pulls the `pmlint` section: answer with the keys it understands.
        configuration: (params, token, next) =>
          params.items.some((item) => item.section === "pmlint")
            ? params.items.map((item) =>
                item.section === "pmlint" ? serverSettings(vscode.workspace.getConfiguration("pmlint")) : null,
              )
            : next(params, token),
      },
    },
  };
  const started = new LanguageClient("pmlint", "pmlint", serverOptions, clientOptions);
  started.onNotification(SCORE_METHOD, (report: ScoreReport) => status.onScore(report));
  try {
    await started.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`pmlint: the server ${server.path} failed to start: ${error}`);
    return;
  }
  client = started;
  status.connect(async (uri) => {
    try {
      return await started.sendRequest<ScoreReport>(SCORE_METHOD, { textDocument: { uri: uri.toString() } });
    } catch {
      return undefined; // Not open at the server (yet): its notification will follow.
    }
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  status.disconnect();
  await running?.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
