// The side panel: score chart, section checklist, incident metrics and the list of
// diagnostics. Built with DOM calls and textContent only: document text (which ends
// up in messages and headings) is never parsed as HTML.
import type { CriterionInfo, Diagnostic, IncidentMetrics, LintResult } from '../pkg/pmlint_wasm.js';

/** Moves the editor's selection to a range of the linted text. */
export type JumpTo = (from: number, to: number) => void;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page lacks #${id}`);
  return node;
}

/** The rubric's criteria as the core names them, from the worker's `ready`. */
const rubricCriteria = new Map<string, CriterionInfo>();
export function setRubricCriteria(criteria: CriterionInfo[]): void {
  for (const c of criteria) rubricCriteria.set(c.criterion, c);
}

export function renderPanel(result: LintResult, jumpTo: JumpTo): void {
  // A communication is reviewed against seed 000's rubric; a postmortem's score and
  // section checklist do not apply to it.
  const communication = result.rubric !== null;
  byId('rubric-panel').hidden = !communication;
  byId('score-panel').hidden = communication;
  byId('sections-panel').hidden = communication;
  renderRubric(result);
  renderScore(result);
  renderChecklist(result, jumpTo);
  renderMetrics(result.metrics, jumpTo);
  renderDiagnostics(result.diagnostics, jumpTo);
}

function renderRubric({ rubric }: LintResult): void {
  byId('rubric-average').textContent = rubric ? `${rubric.average.toFixed(1)}/5` : '–';
  const rows = (rubric?.rubric ?? []).map(({ criterion, score }) => {
    const info = rubricCriteria.get(criterion);
    const title = info?.title ?? criterion;
    const row = element('div', 'bar');
    row.dataset.criterion = criterion;
    const meter = element('meter');
    meter.min = 1;
    meter.max = 5;
    meter.low = 2.5;
    meter.high = 3.5;
    meter.optimum = 5;
    meter.value = score;
    meter.title = `${title}: ${score}/5`;
    row.append(element('span', 'bar-label', title), meter, element('span', 'bar-value', String(score)));
    if (info) row.append(element('span', 'bar-reason', `A 5: ${info.description}`));
    return row;
  });
  byId('rubric-chart').replaceChildren(...rows);
}

function renderScore({ score }: LintResult): void {
  byId('score-total').textContent = `${score.total}/100`;
  const rows = score.criteria.map((criterion) => {
    const row = element('div', 'bar');
    const label = element('span', 'bar-label', criterion.title);
    const meter = element('meter');
    meter.min = 0;
    meter.max = 100;
    meter.low = 40;
    meter.high = 70;
    meter.optimum = 100;
    meter.value = criterion.score;
    meter.title = `${criterion.title}: ${criterion.score}/100, ${criterion.weight}% of the score`;
    row.dataset.criterion = criterion.criterion;
    row.append(
      label,
      meter,
      element('span', 'bar-value', String(criterion.score)),
      element('span', 'bar-reason', criterion.reason),
    );
    return row;
  });
  byId('score-chart').replaceChildren(...rows);
}

const STATUS_MARK = { present: '✓', empty: '◌', missing: '✗' } as const;

function renderChecklist({ checklist }: LintResult, jumpTo: JumpTo): void {
  const items = checklist.map((entry) => {
    const item = element('li', `slot ${entry.status}`);
    item.dataset.slot = entry.slot;
    item.dataset.status = entry.status;
    const label = `${STATUS_MARK[entry.status]} ${entry.title}${entry.required ? '' : ' (recommended)'}`;
    const at = entry.at;
    if (at === null) {
      item.append(element('span', undefined, label));
    } else {
      const button = element('button', 'link', label);
      button.type = 'button';
      button.addEventListener('click', () => jumpTo(at, at));
      item.append(button);
    }
    item.append(element('span', 'slot-status', entry.status));
    return item;
  });
  byId('checklist').replaceChildren(...items);
}

/** "4 min", "2 h 13 min", "45 s". */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

const METRICS: [keyof IncidentMetrics, string, string | null][] = [
  ['timeToDetect', 'Time to detect', 'detection'],
  ['timeToAcknowledge', 'Time to acknowledge', 'acknowledgement'],
  ['timeToMitigate', 'Time to mitigate', 'mitigation'],
  ['timeToResolve', 'Time to resolve', 'resolution'],
  ['total', 'Timeline span', null],
];

function renderMetrics(metrics: IncidentMetrics, jumpTo: JumpTo): void {
  const rows = METRICS.flatMap(([key, label, milestone]) => {
    const seconds = metrics[key];
    const value = element('dd');
    value.dataset.metric = key;
    const entry = metrics.milestones.find((m) => m.kind === milestone);
    if (typeof seconds !== 'number') {
      value.textContent = '—';
      value.title = 'The timeline does not show this milestone.';
    } else if (entry) {
      const button = element('button', 'link', duration(seconds));
      button.type = 'button';
      button.title = `Line ${entry.line}`;
      button.addEventListener('click', () => jumpTo(entry.from, entry.to));
      value.append(button);
    } else {
      value.textContent = duration(seconds);
    }
    return [element('dt', undefined, label), value];
  });
  byId('metrics').replaceChildren(...rows);
}

function renderDiagnostics(diagnostics: Diagnostic[], jumpTo: JumpTo): void {
  byId('diagnostic-count').textContent = String(diagnostics.length);
  const items = diagnostics.map((d) => {
    const item = element('li', `diagnostic ${d.severity}`);
    const button = element('button', 'link');
    button.type = 'button';
    button.append(
      element('span', 'where', `${d.line}:${d.column}`),
      element('span', `code ${d.severity}`, d.code),
      element('span', 'message', d.message),
    );
    button.title = `${d.code} ${d.name} (${d.severity})`;
    button.addEventListener('click', () => jumpTo(d.from, d.to));
    item.append(button);
    return item;
  });
  byId('diagnostics').replaceChildren(...items);
}

/** A hover card: the message, its note, and the rule's explanation. */
export function renderHover(d: Diagnostic, explanation: { summary: string; why: string; example: string; better: string } | undefined): HTMLElement {
  const card = element('div', 'hover-card');
  const head = element('div', 'hover-head');
  head.append(element('span', `code ${d.severity}`, d.code), element('span', 'rule-name', d.name));
  card.append(head, element('p', 'hover-message', d.message));
  if (d.note) card.append(element('p', 'hover-note', d.note));
  if (explanation) {
    card.append(element('p', 'hover-summary', explanation.summary), element('p', 'hover-why', explanation.why));
    const example = element('details', 'hover-example');
    example.append(
      element('summary', undefined, 'Example'),
      element('pre', 'example bad', explanation.example),
      element('p', 'label', 'Better:'),
      element('pre', 'example good', explanation.better),
    );
    card.append(example);
  }
  return card;
}

export function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  const status = byId('status');
  status.textContent = text;
  status.dataset.kind = kind;
}

export { byId, element };
