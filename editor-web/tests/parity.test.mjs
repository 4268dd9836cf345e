// Parity: on every file in examples/ and ../shared/eval/docs/, the WebAssembly build
// returns what `pmlint check --format json` returns (codes, ranges after converting the
// CLI's byte offsets to UTF-16, messages, notes, fixes, scores), under the default
// configuration and a non-default one; incident metrics too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pmlint } from './wasm.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const TODAY = '2025-06-01';

const CONFIGS = {
  default: '',
  custom: 'profile = "sre-book"\n\n[rules]\nS003 = "info"\nS002 = "error"\n',
};

function postmortems() {
  const dirs = [join(repo, 'examples'), join(repo, '../shared/eval/docs')];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(dir, name)),
  );
}

function cliBinary() {
  const bin = process.env.PMLINT_BIN;
  if (bin) return bin;
  execFileSync('cargo', ['build', '--quiet', '-p', 'pmlint'], { cwd: repo, stdio: 'inherit' });
  return join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'pmlint');
}

/** Runs the CLI over every file at once; returns its JSON files by path. */
function cliReports(bin, files, config) {
  const configFile = join(mkdtempSync(join(tmpdir(), 'pmlint-parity-')), '.pmlint.toml');
  writeFileSync(configFile, config);
  let stdout;
  try {
    stdout = execFileSync(bin, ['check', '--format', 'json', '--today', TODAY, '--config', configFile, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    // Exit code 1 means findings: the report is still on stdout.
    if (error.status !== 1) throw error;
    stdout = error.stdout;
  }
  const report = JSON.parse(stdout);
  assert.deepEqual(report.failures, []);
  return new Map(report.files.map((file) => [file.path, file]));
}

/** Byte offset into `text`'s UTF-8 to a JS string index. */
function utf16Converter(text) {
  const bytes = Buffer.from(text, 'utf8');
  return (offset) => bytes.subarray(0, offset).toString('utf8').length;
}

/** The CLI's diagnostics in the WebAssembly API's terms. */
function fromCli(text, file) {
  const utf16 = utf16Converter(text);
  return file.diagnostics.map((d) => ({
    code: d.code,
    name: d.name,
    severity: d.severity,
    from: utf16(d.range.start.offset),
    to: utf16(d.range.end.offset),
    line: d.range.start.line,
    endLine: d.range.end.line,
    message: d.message,
    note: d.note,
    fixes: d.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.applicability === 'safe',
      edits: fix.edits.map((e) => ({ from: utf16(e.range.start.offset), to: utf16(e.range.end.offset), insert: e.replacement })),
    })),
  }));
}

/** The CLI's metrics in the WebAssembly API's terms. */
function metricsFromCli(text, metrics) {
  const utf16 = utf16Converter(text);
  return {
    timeToDetect: metrics.time_to_detect,
    timeToAcknowledge: metrics.time_to_acknowledge,
    timeToMitigate: metrics.time_to_mitigate,
    timeToResolve: metrics.time_to_resolve,
    total: metrics.total,
    milestones: metrics.milestones.map((m) => ({
      kind: m.kind,
      elapsed: m.elapsed,
      from: utf16(m.range.start.offset),
      to: utf16(m.range.end.offset),
      line: m.range.start.line,
    })),
  };
}

function fromWasm(result) {
  return result.diagnostics.map(({ column: _c, endColumn: _e, ...rest }) => rest);
}

test('the WebAssembly build lints every example and eval document as the CLI does', () => {
  const files = postmortems();
  assert.ok(files.length >= 10, `found only ${files.length} documents`);
  const bin = cliBinary();
  let compared = 0;
  for (const [name, config] of Object.entries(CONFIGS)) {
    const reports = cliReports(bin, files, config);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const cli = reports.get(path);
      assert.ok(cli, `the CLI reported nothing for ${path}`);
      const wasm = pmlint.lint(text, config, TODAY);
      assert.deepEqual(fromWasm(wasm), fromCli(text, cli), `${name} config: ${path}`);
      // The CLI's JSON puts a communication's rubric beside the score; the API apart.
      const { rubric, average, ...score } = cli.score;
      assert.deepEqual(wasm.score, score, `${name} config: score of ${path}`);
      assert.equal(wasm.kind, cli.kind, `${name} config: kind of ${path}`);
      assert.deepEqual(wasm.rubric, rubric ? { rubric, average } : null, `${name} config: rubric of ${path}`);
      assert.deepEqual(wasm.metrics, metricsFromCli(text, cli.metrics), `${name} config: metrics of ${path}`);
      compared += wasm.diagnostics.length;
    }
  }
  assert.ok(compared > 0, 'no diagnostics were compared');
});

test('the WebAssembly build gives the CLI’s kind and rubric on every communication of eval/comms', () => {
  const dir = join(repo, 'eval/comms');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(dir, name));
  assert.ok(files.length >= 24, `found only ${files.length} communications`);
  const reports = cliReports(cliBinary(), files, '');
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const cli = reports.get(path);
    assert.ok(cli, `the CLI reported nothing for ${path}`);
    assert.notEqual(cli.kind, 'postmortem', path);
    // The file name names the kind of those without front matter, as it does for the CLI.
    const wasm = pmlint.lint(text, '', TODAY, basename(path));
    assert.equal(wasm.kind, cli.kind, `kind of ${path}`);
    assert.deepEqual(wasm.rubric, { rubric: cli.score.rubric, average: cli.score.average }, `rubric of ${path}`);
    assert.deepEqual(fromWasm(wasm), fromCli(text, cli), `diagnostics of ${path}`);
  }
});

test('the page’s communication templates are `pmlint init --kind`’s', () => {
  const bin = cliBinary();
  const skeletons = pmlint.kinds().filter((k) => k.template !== null);
  assert.deepEqual(skeletons.map((k) => k.kind), ['exec-update', 'customer-notice']);
  for (const { kind, template } of skeletons) {
    const cli = execFileSync(bin, ['init', '-', '--kind', kind], { encoding: 'utf8' });
    assert.equal(template, cli, kind);
    assert.equal(pmlint.lint(template).kind, kind);
  }
});
