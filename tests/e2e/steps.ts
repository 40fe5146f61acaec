/**
 * What a user does in the app, as steps the end-to-end tests share: they go through the
 * navigation rail, the Run setup form and the header, by the test ids the renderer
 * defines, and wait on what the page shows, never on time.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A profile of a few seconds, and the analysis after it, on a busy 2-core machine. */
export const PROFILE_TIMEOUT_MS = 90_000;
const UI_TIMEOUT_MS = 20_000;

export async function show(page: Page, screen: string): Promise<Locator> {
  await page.getByTestId(`nav-${screen}`).click();
  const root = page.getByTestId(`screen-${screen}`).first();
  await root.waitFor({ timeout: UI_TIMEOUT_MS });
  return root;
}

/** The timeline's root: the element that carries `data-window` (a gate around it may share its test id). */
export function timeline(page: Page): Locator {
  return page.locator('[data-testid="screen-timeline"][data-window]');
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** `data-window="fromMs-toMs"` of the timeline, parsed. */
export async function timelineWindow(page: Page): Promise<TimeWindow> {
  const text = (await timeline(page).getAttribute('data-window')) ?? '';
  const match = /^(-?[\d.]+)-(-?[\d.]+)$/.exec(text);
  if (!match) throw new Error(`the timeline's data-window is "${text}", not "fromMs-toMs"`);
  return { fromMs: Number(match[1]), toMs: Number(match[2]) };
}

/** The status badge in the header: the open session's status ('running' while live). */
export async function headerStatus(page: Page): Promise<string> {
  const badge = page.getByTestId('app-header').getByTestId('status-badge');
  return (await badge.count()) > 0 ? (await badge.innerText()).trim() : '';
}

/** Waits until the open session is no longer running and returns how it ended. */
export async function untilEnded(page: Page): Promise<string> {
  await expect
    .poll(() => headerStatus(page), { timeout: PROFILE_TIMEOUT_MS, interval: 250 })
    .toMatch(/^(complete|failed|incomplete|cancelled)$/);
  return headerStatus(page);
}

export async function setSetting(page: Page, field: string, value: string): Promise<void> {
  await page.getByTestId(`setting-${field}`).fill(value);
}

/** The Run setup's segmented choices: "Fixed runs"/"Duration", and LLM "auto"/"on"/"off". */
export async function choose(page: Page, group: 'run for' | 'generation profiling', option: string): Promise<void> {
  const button = page.getByRole('radiogroup', { name: group }).getByRole('button', { name: option, exact: true });
  await button.click();
  expect(await button.getAttribute('aria-pressed')).toBe('true');
}

/** Opens a bundled example from the Start screen and waits for its Model screen to read it. */
export async function openExample(page: Page, name: string): Promise<Locator> {
  await show(page, 'start');
  await page.getByTestId(`example-${name}`).click();
  const model = page.getByTestId('screen-model');
  await model.getByTestId('model-inputs').waitFor({ timeout: UI_TIMEOUT_MS });
  return model;
}

/** Starts the profile from Run setup; the app moves to the Timeline. Returns the new session's id. */
export async function startProfile(page: Page): Promise<string> {
  const before = await page.getByTestId('app-header').locator('.header-session code').allInnerTexts();
  await page.getByTestId('run-start').click();
  const id = page.getByTestId('app-header').locator('.header-session code');
  await expect.poll(async () => (await id.allInnerTexts()).join(), { timeout: UI_TIMEOUT_MS }).not.toBe(before.join());
  return (await id.innerText()).trim();
}

/** The first cell's text of each body row of a table. */
export async function firstColumn(table: Locator): Promise<string[]> {
  return table.locator('tbody tr td:first-child').allInnerTexts();
}
