// The editor page: CodeMirror 6 with Markdown, linted by the wasm core in a Web
// Worker; the side panel shows what the linter found; the draft lives in localStorage.
import { basicSetup } from 'codemirror';
import { markdown } from '@codemirror/lang-markdown';
import { linter, lintGutter, forceLinting, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { ChangeSet, StateEffect, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Diagnostic, Kind, KindInfo, LintResult, RuleInfo } from '../pkg/pmlint_wasm.js';
import { LintClient } from './lint-client.js';
import { byId, element, renderHover, renderPanel, setRubricCriteria, setStatus } from './panel.js';

const DRAFT_KEY = 'pmlint.draft';
const CONFIG_KEY = 'pmlint.config';
/** The kind the author chose for a text that does not declare one. */
const KIND_KEY = 'pmlint.kind';
/** The name of the file the draft was opened from: it may date or name the document. */
const FILE_NAME_KEY = 'pmlint.fileName';
const AUTOSAVE_MS = 250;

const WELCOME = `# Postmortem: Checkout outage

Write or paste a postmortem here, or start from a template. pmlint reviews it as you
type, in this page: nothing is sent anywhere.
`;

const rules = new Map<string, RuleInfo>();
/** Dispatched when the configuration or the kind changes: the text is the same, the lint is not. */
const configChanged = StateEffect.define<null>();
const client = new LintClient((reason) => setStatus(`Restarted the linter: ${reason}.`, 'error'));

/** Local calendar date, for rules that compare dates with today (stale drafts). */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Fixes are computed on the text that was linted; edits made since then are tracked
// per lint so a fix applied later lands where it was meant to.
interface Snapshot {
  changes: ChangeSet;
}
const liveSnapshots = new Set<Snapshot>();

function toCodeMirror(d: Diagnostic, snapshot: Snapshot): CmDiagnostic {
  const rule = rules.get(d.code);
  return {
    from: d.from,
    to: d.to,
    severity: d.severity,
    source: `pmlint ${d.code}`,
    markClass: `pmlint-${d.code}${rule ? ` pmlint-family-${rule.family}` : ''}`,
    message: d.message,
    renderMessage: () =>
      renderHover(d, rule && { summary: rule.summary, why: rule.docs.why, example: rule.docs.example, better: rule.docs.better }),
    actions: d.fixes.map((fix) => ({
      name: fix.safe ? fix.title : `${fix.title} (review)`,
      apply(view: EditorView) {
        const changes = fix.edits.map((e) => {
          // Text typed at either end since the lint stays outside the replaced range.
          const from = snapshot.changes.mapPos(e.from, 1);
          return { from, to: Math.max(from, snapshot.changes.mapPos(e.to, -1)), insert: e.insert };
        });
        view.dispatch({ changes, userEvent: 'input.fix' });
      },
    })),
  };
}

async function lintSource(view: EditorView): Promise<readonly CmDiagnostic[]> {
  const doc: Text = view.state.doc;
  const snapshot: Snapshot = { changes: ChangeSet.empty(doc.length) };
  liveSnapshots.add(snapshot);
  let answer: { result: LintResult; elapsedMs: number };
  try {
    answer = await client.lint(doc.toString(), {
      config: configText(),
      today: today(),
      kind: chosenKind(),
      fileName: localStorage.getItem(FILE_NAME_KEY),
    });
  } catch (error) {
    liveSnapshots.delete(snapshot);
    document.body.dataset.lint = 'failed';
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('invalid configuration')) byId('config-error').textContent = message;
    setStatus(`Could not lint: ${message}`, 'error');
    return [];
  }
  byId('config-error').textContent = '';
  if (view.state.doc !== doc) {
    // CodeMirror drops a result for a text that has changed since; so do we.
    liveSnapshots.delete(snapshot);
    return [];
  }
  // Once this lint's diagnostics are shown, older ones (and their fixes) are gone.
  for (const older of liveSnapshots) if (older !== snapshot) liveSnapshots.delete(older);
  document.body.dataset.lint = 'done';
  showKind(answer.result);
  renderPanel(answer.result, jumpTo);
  setStatus(`Linted in ${answer.elapsedMs.toFixed(1)} ms · ${answer.result.diagnostics.length} finding(s)`);
  return answer.result.diagnostics.map((d) => toCodeMirror(d, snapshot));
}

let view: EditorView;

function jumpTo(from: number, to: number): void {
  const length = view.state.doc.length;
  view.dispatch({ selection: { anchor: Math.min(from, length), head: Math.min(to, length) }, scrollIntoView: true });
  view.focus();
}

let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
function saveDraft(): void {
  clearTimeout(autosaveTimer);
  autosaveTimer = undefined;
  try {
    localStorage.setItem(DRAFT_KEY, view.state.doc.toString());
  } catch {
    setStatus('Could not autosave: browser storage is full or disabled.', 'error');
  }
}

const configArea = byId('config') as HTMLTextAreaElement;
function configText(): string | null {
  return configArea.value.trim() ? configArea.value : null;
}

// The editor lives in a shadow root so CodeMirror's styles are constructed
// stylesheets there, which the page's CSP allows without 'unsafe-inline'.
const editorRoot = byId('editor').attachShadow({ mode: 'open' });
const editorStyles = element('link');
editorStyles.rel = 'stylesheet';
editorStyles.href = 'editor.css';
editorRoot.append(editorStyles);

view = new EditorView({
  parent: editorRoot,
  root: editorRoot,
  doc: localStorage.getItem(DRAFT_KEY) ?? WELCOME,
  extensions: [
    basicSetup,
    markdown(),
    EditorView.lineWrapping,
    linter(lintSource, {
      delay: 150,
      needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(configChanged))),
    }),
    lintGutter(),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      // Until the linter answers for this text, the panel describes an older one.
      document.body.dataset.lint = 'pending';
      for (const snapshot of liveSnapshots) snapshot.changes = snapshot.changes.compose(update.changes);
      if (autosaveTimer === undefined) autosaveTimer = setTimeout(saveDraft, AUTOSAVE_MS);
    }),
  ],
});

// Nothing typed is lost when the tab goes away between two autosaves.
addEventListener('pagehide', () => {
  if (autosaveTimer !== undefined) saveDraft();
});

function replaceDocument(text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  saveDraft();
  view.focus();
}

// Configuration: saved like the draft, relinted when changed.
configArea.value = localStorage.getItem(CONFIG_KEY) ?? '';
configArea.addEventListener('input', () => {
  localStorage.setItem(CONFIG_KEY, configArea.value);
  relint();
});

/** Lints the same text again: something it is linted with has changed. */
function relint(): void {
  document.body.dataset.lint = 'pending';
  view.dispatch({ effects: configChanged.of(null) });
}

// The kind: what the front matter declares (`type: exec-update`) or the file name
// names; else the author's choice. A text that says nothing is linted as a postmortem
// and the page asks, rather than guessing from its prose.
const kindSelect = byId('kind') as HTMLSelectElement;
const kindHint = byId('kind-hint');
kindSelect.value = localStorage.getItem(KIND_KEY) ?? '';

function chosenKind(): Kind | null {
  return (localStorage.getItem(KIND_KEY) as Kind | null) || null;
}

function setChosenKind(kind: Kind | null): void {
  if (kind) localStorage.setItem(KIND_KEY, kind);
  else localStorage.removeItem(KIND_KEY);
}

kindSelect.addEventListener('change', () => {
  setChosenKind((kindSelect.value as Kind) || null);
  relint();
});

function showKind(result: LintResult): void {
  const chosen = chosenKind();
  const source = result.declaredKind ? 'front-matter' : chosen ? 'chosen' : result.kind !== 'postmortem' ? 'file-or-config' : 'none';
  document.body.dataset.kind = result.kind;
  document.body.dataset.kindSource = source;
  kindSelect.value = source === 'none' ? '' : result.kind;
  kindSelect.disabled = source === 'front-matter';
  kindSelect.title = source === 'front-matter' ? 'Declared by the front matter (type:)' : '';
  kindHint.hidden = source !== 'none';
  kindHint.textContent =
    source === 'none' ? 'Nothing says what this text is: linted as a postmortem. Choose its kind.' : '';
}

// Templates, from the core: the profiles' postmortems and the communications'
// skeletons (the same as `pmlint init --kind`).
const profileSelect = byId('template-profile') as HTMLSelectElement;
client.info().then(
  (info) => {
    for (const rule of info.rules) rules.set(rule.code, rule);
    setRubricCriteria(info.criteria);
    for (const kind of info.kinds) {
      const option = element('option', undefined, kind.title);
      option.value = kind.kind;
      kindSelect.append(option);
    }
    kindSelect.value = chosenKind() ?? '';
    const postmortems = element('optgroup');
    postmortems.label = 'Postmortem';
    for (const profile of info.profiles) {
      const option = element('option', undefined, profile.name);
      option.value = profile.name;
      option.title = profile.description;
      postmortems.append(option);
    }
    const communications = element('optgroup');
    communications.label = 'Communication';
    const skeletons = info.kinds.filter((k): k is KindInfo & { template: string } => k.template !== null);
    for (const kind of skeletons) {
      const option = element('option', undefined, kind.title);
      option.value = kind.kind;
      communications.append(option);
    }
    profileSelect.append(postmortems, communications);
    byId('new-from-template').addEventListener('click', () => {
      const template =
        info.profiles.find((p) => p.name === profileSelect.value)?.template ??
        skeletons.find((k) => k.kind === profileSelect.value)?.template;
      if (template === undefined) return;
      const blank = view.state.doc.toString().trim() === '' || view.state.doc.toString() === WELCOME;
      if (blank || confirm('Replace the current document with a new one from the template?')) {
        // A new document: it declares its own kind, and comes from no file.
        setChosenKind(null);
        localStorage.removeItem(FILE_NAME_KEY);
        replaceDocument(template);
      }
    });
    document.title = `pmlint ${info.version} — postmortem editor`;
    forceLinting(view);
  },
  (error: Error) => setStatus(error.message, 'error'),
);

// Open a local file; save as .md. Both stay on this machine.
const fileInput = byId('file-input') as HTMLInputElement;
byId('open-file').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  const text = await file.text();
  localStorage.setItem(FILE_NAME_KEY, file.name);
  setChosenKind(null);
  replaceDocument(text);
  fileInput.value = '';
  setStatus(`Opened ${file.name}.`);
});

function fileName(text: string): string {
  const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? 'postmortem';
  const slug = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'postmortem'}.md`;
}

byId('save-file').addEventListener('click', () => {
  const text = view.state.doc.toString();
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = element('a');
  link.href = url;
  link.download = fileName(text);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});
