// The WebAssembly API from Node: shapes, UTF-16 offsets, fixes, configuration errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pmlint } from './wasm.mjs';

const cargoVersion = /^version = "(.+)"$/m.exec(readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8'))[1];

/** Applies edits (non-overlapping, sorted) to a JS string, as an editor would. */
function applyEdits(text, edits) {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) {
    out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);
  }
  return out;
}

/** One-based line and UTF-16 column of a JS string index. */
function lineColumn(text, index) {
  const before = text.slice(0, index).split('\n');
  return [before.length, before.at(-1).length + 1];
}

test('version is the workspace version', () => {
  assert.equal(pmlint.version(), cargoVersion);
});

test('rules come with their documentation', () => {
  const rules = pmlint.rules();
  assert.ok(rules.length >= 7);
  assert.equal(new Set(rules.map((r) => r.code)).size, rules.length);
  for (const rule of rules) {
    assert.match(rule.code, /^[BSAWTIRC]\d{3}$/);
    assert.match(rule.name, /^[a-z-]+$/);
    assert.ok(['error', 'warning', 'info'].includes(rule.defaultSeverity));
    for (const part of ['what', 'why', 'example', 'better']) assert.ok(rule.docs[part].trim(), `${rule.code} ${part}`);
    assert.ok(rule.explanation.includes(rule.docs.why));
    assert.ok(rule.familyTitle);
  }
});

test('profiles carry their templates', () => {
  const profiles = pmlint.profiles();
  assert.deepEqual(profiles.map((p) => p.name).sort(), ['default', 'pagerduty', 'sre-book']);
  for (const profile of profiles) {
    assert.ok(profile.required.length > 0);
    assert.match(profile.template, /^# Postmortem/);
    // A template has every required section, so nothing is reported missing.
    const result = pmlint.lint(profile.template, `profile = "${profile.name}"`);
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'S001'), []);
    assert.ok(result.checklist.every((e) => e.status !== 'missing'), profile.name);
  }
});

test('lint returns diagnostics, score and checklist in documented shapes', () => {
  const result = pmlint.lint('# Postmortem: DB outage\n\n## Summary\n\nTBD\n\n## Timeline\n');
  assert.deepEqual(Object.keys(result).sort(), ['checklist', 'declaredKind', 'diagnostics', 'kind', 'metrics', 'profile', 'rubric', 'score']);
  assert.equal(result.kind, 'postmortem');
  assert.equal(result.declaredKind, null);
  assert.equal(result.rubric, null);
  assert.equal(result.profile, 'default');
  assert.ok(result.diagnostics.length > 0);
  for (const d of result.diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), [
      'code', 'column', 'endColumn', 'endLine', 'fixes', 'from', 'line', 'message', 'name', 'note', 'severity', 'to',
    ]);
    assert.ok(d.from <= d.to);
    assert.ok(d.note === null || typeof d.note === 'string');
    for (const fix of d.fixes) {
      assert.equal(typeof fix.title, 'string');
      assert.equal(typeof fix.safe, 'boolean');
      for (const edit of fix.edits) assert.deepEqual(Object.keys(edit).sort(), ['from', 'insert', 'to']);
    }
  }
  assert.ok(result.score.total >= 0 && result.score.total <= 100);
  assert.deepEqual(
    result.score.criteria.map((c) => c.criterion),
    ['summary', 'impact', 'timeline', 'root_cause', 'blameless', 'action_items', 'lessons'],
  );
  for (const c of result.score.criteria) {
    assert.deepEqual(Object.keys(c).sort(), ['criterion', 'reason', 'score', 'title', 'weight']);
    assert.ok(c.score >= 0 && c.score <= 100 && c.reason.length > 0);
  }
  assert.equal(result.score.criteria.reduce((sum, c) => sum + c.weight, 0), 100);
  assert.equal(result.score.criteria.find((c) => c.criterion === 'action_items').score, 0, 'nothing written scores 0');
  assert.ok(pmlint.lint('# DB outage\n\nThe database went down.\n').score.total < 10, 'a title and one sentence');
  const status = Object.fromEntries(result.checklist.map((e) => [e.slot, e.status]));
  assert.equal(status.summary, 'present');
  assert.equal(status.timeline, 'empty');
  assert.equal(status.impact, 'missing');
});

test('incident metrics come from the timeline', () => {
  const text = readFileSync(new URL('../../examples/2025-01-15-checkout-db-pool-postmortem.md', import.meta.url), 'utf8');
  const { metrics } = pmlint.lint(text);
  assert.deepEqual(Object.keys(metrics).sort(), ['milestones', 'timeToAcknowledge', 'timeToDetect', 'timeToMitigate', 'timeToResolve', 'total']);
  assert.equal(metrics.timeToResolve, 39 * 60);
  for (const milestone of metrics.milestones) {
    assert.match(text.slice(milestone.from, milestone.to), /^\d{1,2}:\d{2}/);
    assert.equal(lineColumn(text, milestone.from)[0], milestone.line);
  }
  const none = pmlint.lint('# Postmortem\n\nNo timeline.\n').metrics;
  assert.deepEqual(none, { timeToDetect: null, timeToAcknowledge: null, timeToMitigate: null, timeToResolve: null, total: null, milestones: [] });
});

test('offsets are UTF-16 indices on text with emoji and CJK', () => {
  const text = [
    '# 事後検証 🔥 Postmortem: 決済 outage 😀',
    '',
    '## Summary 👩‍💻',
    '',
    '支払いが 😀😀 TBD の間 失敗した。',
    '',
    '## Impact',
    '',
    '𠮷野家 customers: [Answer]',
    '',
  ].join('\n');
  const result = pmlint.lint(text);
  const placeholders = result.diagnostics.filter((d) => d.code === 'S003');
  assert.deepEqual(
    placeholders.map((d) => text.slice(d.from, d.to)),
    ['TBD', '[Answer]'],
  );
  for (const d of result.diagnostics) {
    assert.deepEqual([d.line, d.column], lineColumn(text, d.from), `${d.code} start`);
    assert.deepEqual([d.endLine, d.endColumn], lineColumn(text, d.to), `${d.code} end`);
    // No range splits a surrogate pair.
    for (const index of [d.from, d.to]) {
      const unit = text.charCodeAt(index);
      assert.ok(!(unit >= 0xdc00 && unit <= 0xdfff), `${d.code} ends inside a surrogate pair at ${index}`);
    }
  }
  // Applying a fix with JS string indices gives the text the core meant.
  const missing = result.diagnostics.find((d) => d.code === 'S001');
  assert.ok(missing, 'sections are missing');
  const fixed = applyEdits(text, missing.fixes[0].edits);
  assert.ok(fixed.startsWith('# 事後検証 🔥 Postmortem: 決済 outage 😀'));
  const after = pmlint.lint(fixed).diagnostics.filter((d) => d.code === 'S001').map((d) => d.message);
  assert.ok(!after.includes(missing.message), 'the fix inserted the missing section');
});

test('configuration changes severities and the profile', () => {
  const text = '# Postmortem: x\n\n## Summary\n\nTBD\n';
  const off = pmlint.lint(text, '[rules]\nS003 = "off"\nS001 = "info"\n');
  assert.ok(!off.diagnostics.some((d) => d.code === 'S003'));
  assert.ok(off.diagnostics.filter((d) => d.code === 'S001').every((d) => d.severity === 'info'));
  const sre = pmlint.lint(text, 'profile = "sre-book"');
  assert.equal(sre.profile, 'sre-book');
  assert.ok(sre.checklist.some((e) => e.slot === 'detection' && e.required));
});

test('configuration errors are thrown as JS errors with a message and a line', () => {
  const cases = [
    ['profile = "nope"', /unknown profile `nope`/, 1],
    ['\n\n[rules]\nS001 = "loud"', /loud/, 4],
    ['colour = "red"', /unknown field `colour`/, 1],
    ['[rules]\nZ999 = "off"', /Z999/, 2],
    ['profile = ', /./, 1],
  ];
  for (const [config, message, line] of cases) {
    assert.throws(
      () => pmlint.lint('# Postmortem\n', config),
      (error) => {
        assert.ok(error instanceof Error, 'an Error instance');
        assert.match(error.message, /^invalid configuration: /);
        assert.match(error.message, message);
        assert.equal(error.line, line, config);
        assert.equal(typeof error.column, 'number');
        return true;
      },
    );
  }
  assert.throws(() => pmlint.lint('# x\n', null, '2025-13-45'), /invalid date/);
});

test('today dates the stale-draft rule', () => {
  const text = '# Postmortem\n\n| Field | Value |\n|---|---|\n| **Date** | 2025-01-10 |\n| **Status** | Draft |\n';
  const stale = (today) => pmlint.lint(text, null, today).diagnostics.some((d) => d.code === 'S007');
  assert.equal(stale('2025-01-12'), false);
  assert.equal(stale('2025-03-01'), true);
});

test('bad input never throws', () => {
  for (const text of ['', '\n', '\r\n\r\n', '#', '|', '\u0000', '😀'.repeat(1000), '# a\n'.repeat(2000), '\ud800 lone surrogate']) {
    const result = pmlint.lint(text);
    assert.ok(Array.isArray(result.diagnostics));
  }
});
