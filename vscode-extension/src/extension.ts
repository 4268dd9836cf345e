// pmlint for VS Code: starts `pmlint lsp` on Markdown files (the server decides which are
// postmortems), keeps its settings in step, and adds the commands and the score item.

import * as vscode from "vscode";
import * as path from "path";
import { LanguageClient, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { clientOptions } from "./client";
import {
  explainRule,
  newCommunication,
  newPostmortem,
  profileChoices,
  RULE_DOCS_SCHEME,
  ruleDocsProvider,
} from "./commands";
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
    vscode.commands.registerCommand("pmlint.newExecUpdate", () => newCommunication(pmlint, "exec-update")),
    vscode.commands.registerCommand("pmlint.newCustomerNotice", () => newCommunication(pmlint, "customer-notice")),
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
  let serverOptions: ServerOptions;
  if (server.ok) {
    serverOptions = { command: server.path, args: ["lsp"], transport: TransportKind.stdio };
  } else if (!vscode.workspace.getConfiguration("pmlint").get<string | null>("path")) {
    // No native binary for this machine (the universal or web package): the WebAssembly
    // server, as in vscode.dev, in a Node process.
    output.appendLine(`${server.message} Using the WebAssembly server instead.`);
    serverOptions = { module: path.join(extensionDir, "dist", "web", "nodeServer.js"), transport: TransportKind.ipc };
  } else {
    const choice = await vscode.window.showErrorMessage(server.message, "Open Settings");
    if (choice) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "pmlint.path");
    }
    return;
  }
  const options = clientOptions(
    [
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
    ],
    output,
  );
  const started = new LanguageClient("pmlint", "pmlint", serverOptions, options);
  started.onNotification(SCORE_METHOD, (report: ScoreReport) => status.onScore(report));
  try {
    await started.start();
  } catch (error) {
    const which = server.ok ? server.path : "(WebAssembly)";
    void vscode.window.showErrorMessage(`pmlint: the server ${which} failed to start: ${error}`);
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
