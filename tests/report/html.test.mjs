// `pmlint report --format html` opened in Debian's headless Chromium: the page is
// self-contained (no request leaves it, no script), its charts render with content, and
// the recurring causes and overdue items of the fixtures are on it. A screenshot is
// saved under target/report/ for a person to look at.
//
// PMLINT names the binary (default: target/debug/pmlint); CHROMIUM the browser
// (default: /usr/bin/chromium). Run with `npm ci && npm test` here, or `cargo xtask ci report`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, 'target/report');
const pmlint = process.env.PMLINT ?? join(root, 'target/debug/pmlint');
const page_file = join(out, 'fixtures.html');

let browser;
let page;
const requests = [];
const errors = [];

before(async () => {
  mkdirSync(out, { recursive: true });
  execFileSync(pmlint, [
    'report', 'tests/report/fixtures', '--format', 'html', '--today', '2025-03-01', '--out', page_file,
  ], { cwd: root });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(page_file).href);
});

after(async () => {
  await browser?.close();
});

test('the page is self-contained: one request, no script, no errors', async () => {
  assert.deepEqual(requests, [pathToFileURL(page_file).href]);
  assert.equal(await page.locator('script').count(), 0);
  assert.deepEqual(errors, []);
});

test('every chart renders with a size and marks', async () => {
  const charts = await page.locator('svg[role=img]').evaluateAll((svgs) => svgs.map((svg) => {
    const box = svg.getBoundingClientRect();
    return {
      label: svg.getAttribute('aria-label'),
      width: box.width,
      height: box.height,
      marks: svg.querySelectorAll('rect, path, circle').length,
    };
  }));
  assert.deepEqual(charts.map((c) => c.label), [
    'Incidents per month by severity',
    'Mean time to resolve and to detect, per month',
    'Action items by state',
    'Root-cause categories (postmortems)',
    'Score distribution',
  ]);
  for (const chart of charts) {
    assert.ok(chart.width > 300 && chart.height > 80, `${chart.label}: ${chart.width}x${chart.height}`);
    assert.ok(chart.marks > 0, `${chart.label} draws nothing`);
  }
  const bars = page.locator('svg[aria-label="Incidents per month by severity"] rect');
  assert.equal(await bars.count(), 4, 'four dated incidents, one bar segment each');
  const trend = page.locator('svg[aria-label^="Mean time to resolve"] circle');
  assert.ok(await trend.count() >= 6, 'three months with MTTR and time to detect');
});

test('recurring causes and overdue items are on the page', async () => {
  const groups = page.locator('.recurring .card');
  assert.equal(await groups.count(), 2);
  assert.match(await groups.nth(0).innerText(), /3 postmortems/);
  assert.match(await groups.nth(0).innerText(), /PM2022-002 search outage\.md/);
  const overdue = page.locator('table').first().locator('tbody tr');
  assert.equal(await overdue.count(), 7);
  assert.match(await overdue.first().innerText(), /151\s+review in leadership meeting/);
});

test('screenshot for a person to look at', async () => {
  const path = join(out, 'report-fixtures.png');
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
});
