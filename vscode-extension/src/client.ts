// What the desktop and the web extension tell their language client alike: the
// settings the server reads (sent at start and answered when it pulls them) and where
// its messages are traced.

import * as vscode from "vscode";
import type { DocumentSelector, LanguageClientOptions } from "vscode-languageclient";
import { serverSettings } from "./settings";

export function clientOptions(
  documentSelector: DocumentSelector,
  outputChannel: vscode.OutputChannel,
): LanguageClientOptions {
  return {
    documentSelector,
    initializationOptions: serverSettings(vscode.workspace.getConfiguration("pmlint")),
    outputChannel,
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
}
