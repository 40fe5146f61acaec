/**
 * The Compression screen in Chromium against `modeldyno serve`, as a user runs an
 * experiment: pick the bundled MLP, tick int8 and int4 (block 32), profile with a few
 * runs, follow the steps, read the side-by-side table, open the list, follow a row to
 * its session's timeline, save the HTML report, and run int8 of the bundled decoder for
 * its generation metrics. Screenshots of the form, the running experiment and the
 * result in both themes go to test-results/e2e/.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, screenshot, useServedApp } from '../helpers/browser.js';
import { PROFILE_TIMEOUT_MS, show } from './steps.js';

/** Two variants made and checked, three short profiles, on a busy 2-core machine. */
const EXPERIMENT_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 20_000;

const experimentStatus = (page: Page) =>
  page.getByTestId('screen-compress').locator('.compress-title').getByTestId('status-badge').innerText();

/** Ticks exactly the named variants of the form. */
async function tickVariants(form: Locator, wanted: string[]): Promise<void> {
  for (const text of ['int8', 'int4:32', 'int4:128', 'fp16', 'prune']) {
    await form.getByTestId(`compress-variant-${text}`).setChecked(wanted.includes(text));
  }
}

/**
 * A chart drawn under the resting pointer shows its tooltip: Chromium moves the pointer
 * over new layout. Entering and leaving the chart hides it; the screen goes back to its top.
 */
async function clearTooltips(page: Page): Promise<void> {
  await page.getByTestId('compress-chart-size').hover();
  await page.mouse.move(0, 0);
  await page.locator('.screen-host').evaluate((host) => host.scrollTo(0, 0));
}

describeInBrowser('The Compression screen in Chromium', () => {
  const served = useServedApp();
  let experimentId = '';

  it(
    'runs int8 and int4 variants of the MLP side by side and shows one row per model when complete',
    async () => {
      const { page } = served.app;
      const screen = await show(page, 'compress');
      expect(new URL(page.url()).hash).toBe('#/compress');
      await screen.getByTestId('compress-list-empty').waitFor({ timeout: UI_TIMEOUT_MS });
      const form = screen.getByTestId('compress-form');
      await form.getByTestId('compress-example-mlp').click();
      expect(await form.getByTestId('compress-model').inputValue()).toMatch(/mlp\.onnx$/);
      await tickVariants(form, ['int8', 'int4:32']);
      await form.getByTestId('compress-profile').setChecked(true);
      await form.getByTestId('compress-runs').fill('5');
      await form.getByTestId('compress-warmup').fill('1');
      await form.getByTestId('compress-opProfile').setChecked(false);
      await screenshot(page, 'compress-form');

      await form.getByTestId('compress-start').click();
      const running = page.getByTestId('compress-running');
      await running.waitFor({ timeout: UI_TIMEOUT_MS });
      experimentId = (await page.getByTestId('screen-compress').getAttribute('data-experiment')) ?? '';
      expect(experimentId).toMatch(/^compress-.*mlp/);
      expect(new URL(page.url()).hash).toBe(`#/compress/${experimentId}`);
      // The bar names the step it is on: build, fidelity or profile of one model.
      await expect
        .poll(() => running.getByTestId('compress-step').innerText({ timeout: 2000 }), { timeout: UI_TIMEOUT_MS })
        .toMatch(/^(build|fidelity|profile) (fp32|int8|int4:32)( again)? · \d+ \/ 8$/);
      await clearTooltips(page);
      await screenshot(page, 'compress-running');

      await expect
        .poll(() => experimentStatus(page), { timeout: EXPERIMENT_TIMEOUT_MS, interval: 500 })
        .toMatch(/^(complete|failed|cancelled|incomplete)$/);
      expect(await experimentStatus(page)).toBe('complete');
      await running.waitFor({ state: 'detached' });

      const table = page.getByTestId('compress-table');
      const rows = await table
        .locator('tbody tr[data-row]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
      expect(rows).toEqual(['fp32', 'int8', 'int4:32']);
      expect(await table.locator('.compress-error-row').count()).toBe(0);
      // Every model was profiled: each row links to its own session, the original also to its second profile.
      const links = (text: string) =>
        table
          .locator('.compress-session-link', { hasText: text })
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const timelines = await links('timeline');
      expect(timelines).toHaveLength(3);
      const again = await links('again');
      expect(again).toHaveLength(1);
      expect(new Set([...timelines, ...again]).size).toBe(4);
      expect(await page.getByTestId('compress-noise').innerText()).toMatch(
        /^Speed ratios within \d+ % read “≈ same”: the original’s own p50 moved /,
      );
      // int8 and int4 store MatMul weights in 8 and 4 bits: both files are smaller than fp32's.
      for (const text of ['int8', 'int4:32']) {
        const fileCell = table.getByTestId(`compress-row-${text}`).locator('td').nth(1);
        expect(await fileCell.locator('.compress-ratio').innerText()).toMatch(/^\d+(\.\d)?× smaller$/);
      }
      expect(await table.locator('td[data-best]').count()).toBeGreaterThan(0);
      const findings = await page.getByTestId('compress-findings').locator('li').allInnerTexts();
      for (const label of ['int8', 'int4 (block 32)']) {
        expect(findings.filter((f) => f.startsWith(`${label}: file `))).toHaveLength(1);
      }
      for (const chart of ['compress-chart-size', 'compress-chart-speed', 'compress-chart-fidelity']) {
        await page.getByTestId(chart).locator('.recharts-bar-rectangle').first().waitFor({ timeout: UI_TIMEOUT_MS });
      }
      await clearTooltips(page);
      await screenshot(page, 'compress-result-dark');
      await page.getByTestId('compress-chart-size').scrollIntoViewIfNeeded();
      await screenshot(page, 'compress-result-charts-dark');
      // Every variant is either recommended (a measured card) or said not to be, with why.
      const verdicts = page.getByTestId('compress-recommendations');
      await verdicts.scrollIntoViewIfNeeded();
      const cards = await verdicts.getByTestId('recommendation').allInnerTexts();
      const refused = await verdicts.locator('.compress-not-recommended li').allInnerTexts();
      expect(cards.length + refused.length).toBe(2);
      for (const card of cards)
        expect(card).toMatch(/MEASURED[\s\S]*measured in compression experiment .* on this machine, not projected/i);
      await screenshot(page, 'compress-result-verdicts-dark');
      await page.getByTestId('compress-changes-int4:32').scrollIntoViewIfNeeded();
      await screenshot(page, 'compress-result-changes-dark');

      const theme = () => page.locator('html').getAttribute('data-theme');
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).toBe('light');
      await page.getByTestId('screen-compress').locator('.compress-back').scrollIntoViewIfNeeded();
      await clearTooltips(page);
      await screenshot(page, 'compress-result-light');
      await page.getByTestId('compress-chart-size').scrollIntoViewIfNeeded();
      await screenshot(page, 'compress-result-charts-light');
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).toBe('dark');
    },
    EXPERIMENT_TIMEOUT_MS + 30_000,
  );

  it('lists the experiment as complete and opens it again from the list', async () => {
    const { page } = served.app;
    await page.getByTestId('compress-back').click();
    const list = page.getByTestId('compress-experiments');
    await list.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).hash).toBe('#/compress');
    const row = list.locator('tbody tr').first();
    expect(await row.innerText()).toMatch(/complete[\s\S]*mlp\.onnx[\s\S]*int8, int4:32/);
    await screenshot(page, 'compress-list');
    await row.click();
    await page.getByTestId('compress-table').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByTestId('screen-compress').getAttribute('data-experiment')).toBe(experimentId);
  });

  it("follows a row to its session's timeline, and Back returns to the experiment", async () => {
    const { page } = served.app;
    const link = page.getByTestId('compress-row-int8').locator('.compress-session-link', { hasText: 'timeline' });
    const sessionId = decodeURIComponent(
      /#\/session\/([^/]+)\//.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '',
    );
    expect(sessionId).not.toBe('');
    await link.click();
    await page.getByTestId('screen-timeline').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await expect
      .poll(() => page.getByTestId('app-header').locator('.header-session code').innerText(), {
        timeout: PROFILE_TIMEOUT_MS,
      })
      .toBe(sessionId);
    await page.goBack();
    await page.getByTestId('compress-table').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).hash).toBe(`#/compress/${experimentId}`);
  });

  it("saves the HTML report of the experiment's original", async () => {
    const { page } = served.app;
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('compress-export').click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${experimentId}.html`);
    const html = readFileSync(await file.path(), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('mlp.onnx');
  });

  it(
    'shows a decoder’s generation metrics and its top-1 agreement with the original',
    async () => {
      const { page } = served.app;
      await page.getByTestId('compress-back').click();
      const form = page.getByTestId('compress-form');
      await form.getByTestId('compress-example-decoder').click();
      await tickVariants(form, ['int8']);
      await form.getByTestId('compress-runs').fill('3');
      await form.getByTestId('compress-start').click();
      await page.getByTestId('compress-running').waitFor({ timeout: UI_TIMEOUT_MS });
      await expect
        .poll(() => experimentStatus(page), { timeout: EXPERIMENT_TIMEOUT_MS, interval: 500 })
        .toMatch(/^(complete|failed|cancelled|incomplete)$/);
      expect(await experimentStatus(page)).toBe('complete');
      const table = page.getByTestId('compress-table');
      const headers = await table.locator('thead th').allInnerTexts();
      expect(headers.map((h) => h.trim().toLowerCase())).toEqual(
        expect.arrayContaining(['ttft', 'tpot', 'tokens/s', 'top-1']),
      );
      expect(headers.map((h) => h.trim().toLowerCase())).not.toContain('p50');
      // The bundled decoder's int8 keeps the original's greedy tokens nearly always.
      const top1 = table.getByTestId('compress-row-int8').locator('td').last();
      expect(await top1.innerText()).toMatch(/^★?\s*\d+(\.\d)? %$/);
      await page.getByTestId('compress-chart-fidelity').locator('.recharts-bar-rectangle').first().waitFor();
      await clearTooltips(page);
      await screenshot(page, 'compress-decoder');
    },
    EXPERIMENT_TIMEOUT_MS + 30_000,
  );

  it('deletes an experiment after asking once more, and shows the list without it', async () => {
    const { page } = served.app;
    const id = (await page.getByTestId('screen-compress').getAttribute('data-experiment')) ?? '';
    expect(id).toMatch(/^compress-.*-decoder-/);
    const remove = page.getByTestId('compress-delete');
    await remove.click();
    expect(await remove.innerText()).toBe('Delete experiment?');
    await remove.click();
    await page.getByTestId('compress-form').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(new URL(page.url()).hash).toBe('#/compress');
    await expect
      .poll(() => page.getByTestId('compress-list').innerText(), { timeout: UI_TIMEOUT_MS })
      .not.toContain('decoder.onnx');
  });

  it('shows why an experiment did not start, with the host’s message', async () => {
    const { page } = served.app;
    // The deletion above left the list and form on screen.
    await page.getByTestId('compress-form').waitFor({ timeout: UI_TIMEOUT_MS });
    const form = page.getByTestId('compress-form');
    const missing = `${await form.getByTestId('compress-model').inputValue()}.missing.onnx`;
    await form.getByTestId('compress-model').fill(missing);
    await form.getByTestId('compress-start').click();
    const error = form.getByTestId('error-box');
    await error.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await error.innerText()).toMatch(/The experiment did not start[\s\S]*missing\.onnx/);
    expect(new URL(page.url()).hash).toBe('#/compress');
    await screenshot(page, 'compress-refused');
  });

  it('says so when the address names an experiment the host does not have', async () => {
    const { page } = served.app;
    await page.goto(`${served.server.origin}/#/compress/compress-20000101-000000-none-0000`);
    const error = page.getByTestId('screen-compress').getByTestId('error-box');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toMatch(/could not be opened[\s\S]*compress-20000101-000000-none-0000/);
  });
});
