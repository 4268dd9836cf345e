// A minimal, honest stand-in for the parts of the `vscode` API the extension's logic uses.
// It behaves as VS Code does for those calls (a quick pick resolves to one of its items or
// to `undefined`, untitled documents get `untitled:` URIs) and records what the code did.
// Tests script the user through `user` and read the record through `recorded`.

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
  contains(position: Position): boolean {
    return !position.isBefore(this.start) && !this.end.isBefore(position);
  }
}

export class Uri {
  private constructor(private readonly url: URL) {}
  static parse(value: string): Uri {
    return new Uri(new URL(value));
  }
  static file(path: string): Uri {
    return new Uri(new URL(`file://${path}`));
  }
  get scheme(): string {
    return this.url.protocol.replace(/:$/, "");
  }
  get path(): string {
    return decodeURIComponent(this.url.pathname);
  }
  toString(): string {
    return this.url.href;
  }
}

export class MarkdownString {
  constructor(readonly value = "") {}
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export interface FakeDocument {
  uri: Uri;
  languageId: string;
  getText(): string;
}

export function document(uri: string, languageId = "markdown", text = ""): FakeDocument {
  return { uri: Uri.parse(uri), languageId, getText: () => text };
}

/** How the scripted user answers prompts: return one of the items (or a string), or undefined. */
export const user = {
  quickPick: (_items: any[], _options: any): any => undefined,
  inputBox: (_options: any): string | undefined => undefined,
  errorChoice: (_message: string, _items: string[]): string | undefined => undefined,
};

export const recorded = {
  quickPicks: [] as { items: any[]; options: any }[],
  inputBoxes: [] as any[],
  errors: [] as string[],
  shownDocuments: [] as FakeDocument[],
  executedCommands: [] as { command: string; args: unknown[] }[],
};

/** Diagnostics by URI string, as `languages.getDiagnostics` reports them. */
export const diagnostics = new Map<string, { source?: string; code?: string | { value: string }; range: Range }[]>();

let untitledCount = 0;

export function reset(): void {
  user.quickPick = () => undefined;
  user.inputBox = () => undefined;
  user.errorChoice = () => undefined;
  for (const list of Object.values(recorded)) {
    list.length = 0;
  }
  diagnostics.clear();
  window.activeTextEditor = undefined;
}

export const window = {
  activeTextEditor: undefined as undefined | { document: FakeDocument; selection: { active: Position } },
  async showQuickPick(items: any[] | Promise<any[]>, options?: any): Promise<any> {
    const offered = await items;
    recorded.quickPicks.push({ items: offered, options });
    const answer = user.quickPick(offered, options);
    if (answer !== undefined && !offered.includes(answer)) {
      throw new Error("the fake user picked an item that was not offered");
    }
    return answer;
  },
  async showInputBox(options?: any): Promise<string | undefined> {
    recorded.inputBoxes.push(options);
    return user.inputBox(options);
  },
  async showErrorMessage(message: string, ...items: string[]): Promise<string | undefined> {
    recorded.errors.push(message);
    return user.errorChoice(message, items);
  },
  async showTextDocument(document: FakeDocument): Promise<unknown> {
    recorded.shownDocuments.push(document);
    window.activeTextEditor = { document, selection: { active: new Position(0, 0) } };
    return window.activeTextEditor;
  },
  createStatusBarItem(alignment?: StatusBarAlignment, priority?: number) {
    return {
      alignment,
      priority,
      name: undefined as string | undefined,
      text: "",
      tooltip: undefined as string | MarkdownString | undefined,
      command: undefined as string | undefined,
      visible: false,
      show() {
        this.visible = true;
      },
      hide() {
        this.visible = false;
      },
      dispose() {
        this.visible = false;
      },
    };
  },
};

export const workspace = {
  async openTextDocument(options: { language?: string; content?: string }): Promise<FakeDocument> {
    untitledCount += 1;
    return document(`untitled:Untitled-${untitledCount}`, options.language ?? "plaintext", options.content ?? "");
  },
};

export const commands = {
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    recorded.executedCommands.push({ command, args });
    return undefined;
  },
};

export const languages = {
  getDiagnostics(uri: Uri) {
    return diagnostics.get(uri.toString()) ?? [];
  },
};
