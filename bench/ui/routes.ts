/**
 * The ways the bench opens a session's timeline, best first: the app's own address for
 * it, the app's sessions list (a click, as a user would), and the standalone timeline
 * page (renderer/src/features/timeline/standalone.tsx) when the app offers neither.
 * Each open returns the time to interactive on the page's clock, or null.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../electron/core/package-root.js';
import { timeToInteractive } from './browser.js';

export interface OpenedTimeline {
  /** How it was opened, in words for the bench's output. */
  route: string;
  /** What the app lacked, when a lesser route stood in. */
  gap: string | null;
  ttiMs: number | null;
  /** Opens it again the same way (after a reload or on a new host). */
  reopen(page: Page, hostUrl: string): Promise<number | null>;
}

const READY = '[data-testid="screen-timeline"][data-ready="true"]';

/** Through the app: its address for the timeline, else its sessions list. */
export async function openInApp(page: Page, hostUrl: string, sessionId: string): Promise<OpenedTimeline | null> {
  const hash = `#/session/${sessionId}/timeline`;
  const byHash = (p: Page, url: string) => timeToInteractive(p, `${url}${hash}`, 20_000);
  const ttiMs = await byHash(page, hostUrl);
  if (ttiMs !== null) return { route: `the app at ${hash}`, gap: null, ttiMs, reopen: byHash };
  const listed = await clickSession(page);
  if (listed === null) return null;
  return {
    route: "the app's sessions list (time from the click)",
    gap: `the app does not open ${hash}`,
    ttiMs: listed,
    reopen: async (p, url) => {
      await p.goto(url);
      return clickSession(p);
    },
  };
}

/**
 * Clicks the session in the app's list and times click → timeline drawn. The session's
 * id is not shown in the list, so the bench's home holds this one session only.
 */
async function clickSession(page: Page): Promise<number | null> {
  const row = page.locator('[data-testid="sessions-table"] tbody tr').first();
  try {
    await row.waitFor({ timeout: 20_000 });
  } catch {
    return null;
  }
  const clickedAt = await page.evaluate(() => performance.now());
  await row.click();
  try {
    await page.waitForSelector(READY, { timeout: 60_000 });
  } catch {
    return null;
  }
  return page.evaluate(
    (since) => (performance.getEntriesByName('timeline-ready').at(-1)?.startTime ?? Number.NaN) - since,
    clickedAt,
  );
}

/** The standalone page, built into `outDir`; `analysis=off` times the timeline alone. */
export async function openStandalone(page: Page, hostUrl: string, sessionId: string): Promise<OpenedTimeline> {
  const hash = `#session=${sessionId}&analysis=off`;
  const open = (p: Page, url: string) => timeToInteractive(p, `${url}${hash}`, 60_000);
  return {
    route: 'the standalone timeline page, analysis left out',
    gap: null,
    ttiMs: await open(page, hostUrl),
    reopen: open,
  };
}

export async function buildStandalone(outDir: string): Promise<string> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: join(packageRoot(), 'bench', 'ui', 'page'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
  return outDir;
}
