/**
 * Exports in Chromium against `modeldyno serve`, as a user saves them: the header's Export
 * menu (by mouse and by keyboard) downloads the HTML report and the `.dyno` session file,
 * and the Compare screen downloads the HTML compare report. Each download is read back.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, screenshot, startServe, useServedApp } from '../helpers/browser.js';
import { tempDir } from '../helpers/paths.js';
import { choose, openExample, setSetting, show, startProfile, untilEnded } from './steps.js';

const FLOW_TIMEOUT_MS = 150_000;
/** Rendering a report on a busy 2-core machine, then the download. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Profiles mlp.onnx for a few fixed runs from Run setup; returns the session id once it ended. */
async function profileMlp(page: Page, runs: number): Promise<string> {
  await openExample(page, 'mlp');
  await show(page, 'run');
  await choose(page, 'run for', 'Fixed runs');
  await setSetting(page, 'runs', String(runs));
  await page.getByTestId('machine-profile').waitFor({ timeout: 30_000 });
  const id = await startProfile(page);
  expect(await untilEnded(page)).toBe('complete');
  return id;
}

/** Does `act` (a click, a key) and returns the download it started: its suggested name and bytes. */
async function download(page: Page, act: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS }), act()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

const menuList = (page: Page) => page.getByTestId('export-menu-list');
const focusedTestId = (page: Page) => page.locator(':focus').getAttribute('data-testid');

describeInBrowser('Exports in Chromium', () => {
  // A host without a Chromium to print with: PDF must fail with a message that says what to
  // install (tests/core/api/exports.test.ts prints real PDFs).
  const served = useServedApp(async () => {
    const previous = process.env.MODELDYNO_CHROMIUM;
    process.env.MODELDYNO_CHROMIUM = `${tempDir('e2e-no-chromium')}/chromium`;
    try {
      return await startServe();
    } finally {
      if (previous === undefined) delete process.env.MODELDYNO_CHROMIUM;
      else process.env.MODELDYNO_CHROMIUM = previous;
    }
  });
  let first: string;

  it(
    'offers every format in the Export menu once a profile ended, in the dark and the light theme',
    async () => {
      const { page } = served.app;
      await expect.poll(() => page.getByTestId('export-menu').isDisabled()).toBe(true);
      first = await profileMlp(page, 20);
      await page.getByTestId('export-menu').click();
      const labels = await menuList(page).getByRole('menuitem').locator('.export-label').allInnerTexts();
      expect(labels).toEqual([
        'Report (HTML)',
        'Report (PDF)',
        'Session file (.dyno)',
        'Samples (CSV)',
        'Ops (CSV)',
        'Trace (Perfetto)',
        'Summary (JSON)',
      ]);
      const theme = () => page.locator('html').getAttribute('data-theme');
      const shown = await theme();
      await screenshot(page, `export-menu-${shown}`);
      await page.keyboard.press('Escape');
      await menuList(page).waitFor({ state: 'detached' });
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).not.toBe(shown);
      await page.getByTestId('export-menu').click();
      await menuList(page).waitFor();
      await screenshot(page, `export-menu-${await theme()}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('theme-toggle').click();
      await expect.poll(theme).toBe(shown);
    },
    FLOW_TIMEOUT_MS,
  );

  it('moves through the menu with the arrow keys and closes it with Escape onto its button', async () => {
    const { page } = served.app;
    const address = page.url();
    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('Enter');
    await menuList(page).waitFor();
    await expect.poll(() => focusedTestId(page)).toBe('export-html');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('export-pdf');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedTestId(page)).toBe('export-json'); // wraps round to the last item
    await page.keyboard.press('Home');
    expect(await focusedTestId(page)).toBe('export-html');
    await page.keyboard.press('Escape');
    await menuList(page).waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('export-menu');
    // The keys moved within the menu and did nothing else: the app is still on the same screen.
    expect(page.url()).toBe(address);
  });

  it('downloads the HTML report of the open session', async () => {
    const { page } = served.app;
    await page.getByTestId('export-menu').click();
    const file = await download(page, () => page.getByTestId('export-html').click());
    expect(file.name).toBe(`${first}.html`);
    const html = file.bytes.toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(first);
    expect(html).toContain('mlp.onnx');
    await menuList(page).waitFor({ state: 'detached' });
  });

  it('downloads the session as a .dyno file that gunzips to the session', async () => {
    const { page } = served.app;
    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedTestId(page)).toBe('export-html');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('export-dyno');
    // Enter on the focused item chooses it, as a click does.
    const file = await download(page, () => page.keyboard.press('Enter'));
    expect(file.name).toBe(`${first}.dyno`);
    expect(file.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // the gzip magic number
    const session = JSON.parse(gunzipSync(file.bytes).toString('utf8')) as { schemaVersion?: unknown };
    expect(session.schemaVersion).toBeDefined();
    expect(JSON.stringify(session)).toContain(first);
  });

  it('shows what to install when the host has no Chromium to print the PDF with', async () => {
    const { page } = served.app;
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-pdf').click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.getAttribute('class'), { timeout: DOWNLOAD_TIMEOUT_MS }).toContain('error');
    const text = await notice.innerText();
    expect(text).toMatch(/^Export failed: /);
    expect(text).toContain('apt-get install chromium');
    await screenshot(page, 'export-pdf-missing');
    await notice.getByRole('button', { name: 'dismiss' }).click();
  });

  it(
    'downloads the HTML compare report from the Compare screen after a second profile',
    async () => {
      const { page } = served.app;
      const second = await profileMlp(page, 10);
      const screen = await show(page, 'compare');
      await screen.getByTestId('compare-table').waitFor({ timeout: 30_000 });
      const file = await download(page, () => screen.getByTestId('compare-export').click());
      expect(file.name.startsWith('compare-')).toBe(true);
      expect(file.name.endsWith('.html')).toBe(true);
      expect(file.name).toContain(first);
      expect(file.name).toContain(second);
      const html = file.bytes.toString('utf8');
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain(first);
      expect(html).toContain(second);
      await screenshot(page, 'compare-export');
    },
    FLOW_TIMEOUT_MS,
  );
});
