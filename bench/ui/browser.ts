/**
 * The browser side of the timeline bench: opens a timeline in Chromium and times, inside
 * the page, navigation to the first full draw and each zoom to its full-resolution draw.
 * Times come from the page's own clock (performance.now), not from this process.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const ROOT = '[data-testid="screen-timeline"]';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Loads `url` and waits for the timeline's first full draw; returns the time from
 * navigation start to the `timeline-ready` mark (set after every track's canvas drew),
 * or null when no timeline drew within `timeoutMs`.
 */
export async function timeToInteractive(page: Page, url: string, timeoutMs: number): Promise<number | null> {
  await page.goto(url);
  try {
    await page.waitForSelector(`${ROOT}[data-ready="true"]`, { timeout: timeoutMs });
  } catch {
    return null;
  }
  return page.evaluate(() => performance.getEntriesByName('timeline-ready')[0]?.startTime ?? null);
}

export interface ZoomTiming {
  key: string;
  /** Key press to the redraw from the data already held (same frame as the new window). */
  heldMs: number;
  /** Key press to the next frame after the engine's answer for the new window was drawn. */
  resolvedMs: number;
}

/**
 * Runs in the page: presses `key` on the timeline and times the redraws that follow.
 * Kept as source text because the bench is type-checked against Node's library, which
 * has no DOM (adding the DOM library would leak browser globals into every Node file).
 */
const PRESS_AND_TIME = `async (pressed) => {
  const root = document.querySelector('[data-testid="screen-timeline"]');
  const until = (done) => new Promise((resolve) => {
    if (done()) return resolve();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { attributes: true });
  });
  const before = root.dataset.window;
  const t0 = performance.now();
  root.dispatchEvent(new KeyboardEvent('keydown', { key: pressed, bubbles: true }));
  await until(() => root.dataset.window !== before);
  const held = performance.now();
  await until(() => root.dataset.resolved === root.dataset.window);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { heldMs: held - t0, resolvedMs: performance.now() - t0 };
}`;

/** Presses `key` on the timeline and times the redraws that follow. */
export async function timeZoom(page: Page, key: string): Promise<ZoomTiming> {
  const timing = (await page.evaluate(`(${PRESS_AND_TIME})(${JSON.stringify(key)})`)) as Omit<ZoomTiming, 'key'>;
  return { key, ...timing };
}
