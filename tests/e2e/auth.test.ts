/**
 * The token that `modeldyno serve` prints is the only key to the page: a browser without
 * it gets the 401 page and never the app. Each case uses a fresh context, so no cookie
 * from an earlier visit lets it in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  closeAll,
  describeInBrowser,
  launchChromium,
  newAppPage,
  screenshot,
  startServe,
  type ServeProcess,
} from '../helpers/browser.js';

describeInBrowser('the web host in Chromium', () => {
  let server: ServeProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startServe();
  }, 90_000);

  afterAll(async () => {
    await closeAll(
      () => browser?.close() ?? Promise.resolve(),
      () => server?.close() ?? Promise.resolve(),
    );
  });

  async function visit(path: string, shot: string) {
    const { context, page } = await newAppPage(browser!);
    try {
      const response = await page.goto(`${server!.origin}${path}`);
      await screenshot(page, shot);
      return {
        status: response?.status(),
        text: await page.locator('body').innerText(),
        appNodes: await page.locator('#root, [data-testid="app-header"], [data-testid^="screen-"]').count(),
      };
    } finally {
      await context.close();
    }
  }

  it('refuses a wrong token with the 401 page and no app', async () => {
    const seen = await visit('/?token=wrong', 'auth-wrong-token');
    expect(seen.status).toBe(401);
    expect(seen.text).toContain('Access token needed');
    expect(seen.text).toContain('modeldyno serve');
    expect(seen.appNodes).toBe(0);
  });

  it('refuses a visit without a token with the same 401 page', async () => {
    const seen = await visit('/', 'auth-no-token');
    expect(seen.status).toBe(401);
    expect(seen.text).toContain('Access token needed');
    expect(seen.appNodes).toBe(0);
  });

  it('opens the app at the URL that serve printed', async () => {
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { context, page, pageErrors } = await newAppPage(browser!);
    try {
      const response = await page.goto(server!.url);
      expect(response?.status()).toBe(200);
      await page.getByTestId('screen-start').waitFor({ timeout: 30_000 });
      // The examples come over the token-guarded socket: the page is not only served but connected.
      await page.locator('[data-testid^="example-"]').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('app-header').isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
