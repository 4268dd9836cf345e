// The editor page in Debian's Chromium, driven by playwright-core: type, see the
// squiggle, hover, apply a quick fix, reload, survive a crashed worker, resist script
// injection, and never send a request anywhere but the page's own origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { pmlint } from './wasm.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = fileURLToPath(new URL('../../target/editor-web/', import.meta.url));
const SENTENCE = 'The on-call engineer forgot to check the dashboard.';
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const hasBlameRules = pmlint.rules().some((rule) => rule.family === 'blame');

let server;
let browser;
let origin;

before(async () => {
  server = await serve(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page that records every request and CSP violation and page error. */
async function openPage(context) {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}/`);
  await waitForLint(page);
  return { page, requests, errors };
}

/** Waits until the squiggles and the side panel describe the current text. */
async function waitForLint(page, timeout = 10_000) {
  await page.locator('body[data-lint="done"]').waitFor({ state: 'attached', timeout });
}

async function editorText(page) {
  return (await page.locator('.cm-line').allTextContents()).join('\n');
}

async function replaceText(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

test('the editor page lints as you type, explains, fixes, keeps the draft and stays private', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, requests, errors } = await openPage(context);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  await t.test('typing a blaming sentence shows a squiggle within 1 s', async (t) => {
    await replaceText(page, '# Postmortem: Dashboard outage\n\n## Summary\n\n');
    await page.keyboard.type(SENTENCE);
    const typed = Date.now();
    if (!hasBlameRules) {
      t.skip('this build has no blame (B) rules yet');
      return;
    }
    const squiggle = page.locator('.cm-lintRange.pmlint-family-blame').first();
    await squiggle.waitFor({ state: 'visible', timeout: 1000 });
    assert.ok(Date.now() - typed <= 1000);
    await squiggle.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor({ state: 'visible', timeout: 2000 });
    const diagnostics = pmlint.lint(await editorText(page)).diagnostics.filter((d) => d.code.startsWith('B'));
    const tip = await tooltip.textContent();
    assert.ok(diagnostics.some((d) => tip.includes(d.message)), `the hover shows the message: ${tip}`);
  });

  await t.test('hover shows the message and the rule explanation; a quick fix changes the text', async () => {
    await waitForLint(page);
    const before = await editorText(page);
    const fixable = pmlint.lint(before).diagnostics.filter((d) => d.fixes.length > 0);
    const expected = fixable.find((d) => d.code.startsWith('B')) ?? fixable[0];
    assert.ok(expected, 'some diagnostic offers a fix');
    const rule = pmlint.rules().find((r) => r.code === expected.code);
    await page.keyboard.press('Escape');
    const squiggle = page.locator(`.cm-lintRange.pmlint-${expected.code}`).first();
    await squiggle.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor({ state: 'visible', timeout: 2000 });
    const tip = await tooltip.textContent();
    assert.ok(tip.includes(expected.message), `the hover shows "${expected.message}": ${tip}`);
    assert.ok(tip.includes(rule.docs.why), 'the hover explains why the rule matters');
    await page.screenshot({ path: `${SCREENSHOT_DIR}hover.png` });
    const button = tooltip.locator('.cm-diagnosticAction', { hasText: expected.fixes[0].title }).first();
    await button.click();
    const fixed = await editorText(page);
    assert.notEqual(fixed, before);
    for (const edit of expected.fixes[0].edits) {
      assert.ok(fixed.includes(edit.insert.trim()), 'the fix inserted its text');
    }
  });

  await t.test('the side panel shows score, checklist and a diagnostics list that jumps', async () => {
    await waitForLint(page);
    const result = pmlint.lint(await editorText(page));
    assert.equal(await page.locator('#score-total').textContent(), `${result.score.total}/100`);
    assert.equal(await page.locator('#score-chart meter').count(), result.score.criteria.length);
    assert.deepEqual(
      await page.locator('#score-chart .bar-reason').allTextContents(),
      result.score.criteria.map((c) => c.reason),
      'each criterion shows its reason',
    );
    const summary = page.locator('#checklist [data-slot="summary"]');
    assert.equal(await summary.getAttribute('data-status'), 'present');
    assert.equal(await page.locator('#diagnostics li').count(), result.diagnostics.length);
    const last = result.diagnostics.at(-1);
    await page.locator('#diagnostics li button').last().click();
    const line = await page.locator('.cm-activeLine').textContent();
    const lineText = (await editorText(page)).split('\n')[last.line - 1];
    assert.equal(line, lineText, 'clicking a diagnostic moves the cursor to its line');
  });

  await t.test('the draft survives a reload', async () => {
    const before = await editorText(page);
    await page.reload();
    await waitForLint(page);
    assert.equal(await editorText(page), before);
  });

  await t.test('typed markup is text, never executed', async () => {
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    // Raw, and in a code span of a heading that an empty-section message quotes.
    await page.keyboard.type(`\n\n${PAYLOAD}\n\n## \`${PAYLOAD}\`\n\n## Notes\n\n${PAYLOAD}\n`);
    await waitForLint(page);
    assert.ok((await editorText(page)).includes(PAYLOAD), 'the payload is in the document as text');
    const panel = await page.locator('#diagnostics').textContent();
    assert.ok(panel.includes(PAYLOAD), `the panel shows the markup as text: ${panel}`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  });

  await t.test('a crashed worker is restarted and the draft is intact', async () => {
    const before = await editorText(page);
    const [worker] = page.workers();
    assert.ok(worker, 'linting runs in a Web Worker');
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Restarted the linter'));
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\nTBD');
    await waitForLint(page);
    assert.equal(await editorText(page), `${before}\nTBD`);
    await page.reload();
    await waitForLint(page);
    assert.equal(await editorText(page), `${before}\nTBD`);
  });

  await t.test('a configuration error is shown, and fixing it lints again', async () => {
    await page.click('details summary');
    await page.fill('#config', 'profile = "nope"');
    await page.locator('#config-error', { hasText: 'unknown profile `nope`' }).waitFor();
    assert.match(await page.locator('#config-error').textContent(), /^invalid configuration: line 1, column 11: /);
    await page.fill('#config', 'profile = "sre-book"');
    // Under sre-book, Detection is required rather than recommended.
    await page.waitForFunction(() => {
      const detection = document.querySelector('#checklist [data-slot="detection"]');
      return detection && !detection.textContent.includes('recommended');
    });
    assert.equal(await page.locator('#config-error').textContent(), '');
    await page.fill('#config', '');
  });

  await t.test('templates fill the editor', async () => {
    page.once('dialog', (dialog) => dialog.accept());
    await page.selectOption('#template-profile', 'sre-book');
    await page.click('#new-from-template');
    await waitForLint(page);
    const template = pmlint.profiles().find((p) => p.name === 'sre-book').template;
    // Longer than the viewport, whose lines only are drawn: read the saved draft.
    assert.equal(await page.evaluate(() => localStorage.getItem('pmlint.draft')), template);
    assert.equal(await page.locator('#checklist [data-slot="detection"]').getAttribute('data-status'), 'empty');
  });

  await t.test('opens a local file, shows its incident metrics, saves it as .md', async () => {
    const example = fileURLToPath(new URL('../../examples/2025-01-15-checkout-db-pool-postmortem.md', import.meta.url));
    const text = readFileSync(example, 'utf8');
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('#file-input').setInputFiles(example);
    // The file is read asynchronously; once it is the draft, its lint is under way.
    await page.waitForFunction((text) => localStorage.getItem('pmlint.draft') === text, text);
    await waitForLint(page);
    const { metrics } = pmlint.lint(text);
    assert.equal(metrics.timeToResolve, 39 * 60);
    assert.equal(await page.locator('#metrics [data-metric="timeToResolve"]').textContent(), '39 min');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
    assert.equal(download.suggestedFilename(), 'postmortem-checkout-errors-from-database-connection-pool-exhaustion.md');
    assert.equal(readFileSync(await download.path(), 'utf8'), text);
  });

  await t.test('markup in a file name, a rule message and the configuration stays text', async () => {
    const name = `${PAYLOAD}.md`;
    const text = `# Postmortem: ${PAYLOAD}\n\n## Summary\n\nTBD ${PAYLOAD}\n`;
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('#file-input').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
    await page.waitForFunction((text) => localStorage.getItem('pmlint.draft') === text, text);
    await waitForLint(page);
    // Opened by an earlier step: make sure it is open rather than toggle it.
    await page.evaluate(() => {
      document.querySelector('details').open = true;
    });
    await page.fill('#config', `profile = "${PAYLOAD.replaceAll('"', "'")}"`);
    await page.locator('#config-error', { hasText: 'unknown profile' }).waitFor();
    assert.ok((await page.locator('#config-error').textContent()).includes('<img src=x'));
    await page.fill('#config', '');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  });

  await t.test('a text that does not say its kind is offered the choice; a communication shows the rubric', async () => {
    const text = 'Subject: Checkout was down on Saturday\n\nCheckout failed for 2 hours. We apologise.';
    await replaceText(page, text);
    await waitForLint(page);
    // Not guessed from the Subject: line: linted as a postmortem, and the page asks.
    assert.equal(await page.getAttribute('body', 'data-kind-source'), 'none');
    assert.equal(await page.getAttribute('body', 'data-kind'), 'postmortem');
    assert.ok(await page.locator('#kind-hint').isVisible(), 'the page offers the choice');
    assert.equal(await page.locator('#kind').inputValue(), '');
    assert.ok(await page.locator('#rubric-panel').isHidden());

    await page.selectOption('#kind', 'exec-update');
    await page.locator('body[data-kind="exec-update"][data-lint="done"]').waitFor({ state: 'attached' });
    const expected = pmlint.lint(await editorText(page), null, null, null, 'exec-update').rubric;
    assert.ok(await page.locator('#rubric-panel').isVisible());
    assert.ok(await page.locator('#score-panel').isHidden(), "a postmortem's score does not apply");
    assert.ok(await page.locator('#kind-hint').isHidden());
    assert.equal(await page.locator('#rubric-average').textContent(), `${expected.average.toFixed(1)}/5`);
    assert.deepEqual(
      await page.locator('#rubric-chart .bar-value').allTextContents(),
      expected.rubric.map((c) => String(c.score)),
    );
    const titles = await page.locator('#rubric-chart .bar-label').allTextContents();
    assert.deepEqual(titles, pmlint.criteria().map((c) => c.title));
    assert.equal(titles.length, 10);
    // The choice is kept with the draft.
    await page.reload();
    await waitForLint(page);
    assert.equal(await page.locator('#kind').inputValue(), 'exec-update');
    assert.ok(await page.locator('#rubric-panel').isVisible());
  });

  await t.test('new from template: the customer notice skeleton of `pmlint init --kind`', async () => {
    // Earlier steps armed handlers for dialogs that never came (opening a file asks nothing).
    page.removeAllListeners('dialog');
    page.once('dialog', (dialog) => dialog.accept());
    await page.selectOption('#template-profile', 'customer-notice');
    await page.click('#new-from-template');
    const template = pmlint.kinds().find((k) => k.kind === 'customer-notice').template;
    await page.waitForFunction((text) => localStorage.getItem('pmlint.draft') === text, template);
    await page.locator('body[data-kind="customer-notice"][data-lint="done"]').waitFor({ state: 'attached' });
    assert.equal(await page.getAttribute('body', 'data-kind-source'), 'front-matter');
    assert.equal(await page.locator('#kind').inputValue(), 'customer-notice');
    assert.ok(await page.locator('#kind').isDisabled(), 'the front matter decides');
    const { rubric } = pmlint.lint(template);
    assert.equal(await page.locator('#rubric-average').textContent(), `${rubric.average.toFixed(1)}/5`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}rubric.png` });
  });

  await t.test('no request left the page, nothing violated the CSP, no script error', async () => {
    await replaceText(page, `# Postmortem: Dashboard outage\n\n## Summary\n\n${SENTENCE}\n`);
    await waitForLint(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}editor.png` });
    const outside = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    assert.deepEqual(outside, []);
    assert.ok(requests.some((url) => url.endsWith('/pmlint_wasm_bg.wasm')), 'the wasm request was seen');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  });

  await context.close();
});
