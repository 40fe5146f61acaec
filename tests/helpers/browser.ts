/**
 * End-to-end harness: Debian's Chromium driven by playwright-core against the real
 * `modeldyno serve`, as a user opens the URL it prints. No browser is ever downloaded:
 * without /usr/bin/chromium the browser suites skip here and fail under CI=true.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { spawnCli } from './cli.js';
import { repoRoot, tempDir } from './paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** What every screen is checked at: the issue asks for "readable at 1280×800". */
export const VIEWPORT = { width: 1280, height: 800 };
/** Where screenshots go (git-ignored), to be looked at after a run. */
export const SCREENSHOT_DIR = join(repoRoot, 'test-results', 'e2e');

const INSTALL_HINT = `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (browsers are never downloaded).`;
const RENDERER_INDEX = join(repoRoot, 'renderer', 'dist', 'index.html');

function underCi(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci === 'true' || ci === '1';
}

/** Why this machine skips the browser suites, or null when they run (always null under CI). */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH) || underCi()) return null;
  return INSTALL_HINT;
}

/**
 * `describe`, or a skipped suite whose name carries the reason, so the skip is visible in
 * the report rather than silent. Under CI it always runs, and launchChromium fails it.
 */
export function describeInBrowser(name: string, body: () => void): void {
  const reason = browserSkipReason();
  if (reason === null) {
    describe(name, body);
    return;
  }
  console.warn(`Skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(INSTALL_HINT);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The page under test, and what went wrong inside it (uncaught exceptions, console errors). */
export interface AppPage {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
}

/** A fresh context (own storage, 1280×800) with one page, its errors collected as they happen. */
export async function newAppPage(browser: Browser): Promise<AppPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, pageErrors, consoleErrors };
}

/** Saves `test-results/e2e/<name>.png` of the viewport and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** A running `modeldyno serve` child process and the URL it printed. */
export interface ServeProcess {
  /** Exactly as printed: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  origin: string;
  token: string;
  sessionsDir: string;
  /** What the server wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  close(): Promise<void>;
}

export function requireRendererBuild(): void {
  if (!existsSync(RENDERER_INDEX))
    throw new Error(
      `${RENDERER_INDEX} is missing: run \`npm run build:renderer\` first (\`npm test\` builds it before vitest).`,
    );
}

/**
 * Starts the real CLI's `serve` on a free port with its own sessions folder, and the
 * tests' calibrated MODELDYNO_HOME (spawnCli sets it), so no profile recalibrates.
 */
export async function startServe(options: { timeoutMs?: number } = {}): Promise<ServeProcess> {
  requireRendererBuild();
  const sessionsDir = tempDir('e2e-sessions');
  const child = spawnCli(['serve', '--port', '0', '--no-open', '--sessions', sessionsDir]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let url: string;
  try {
    url = await printedUrl(child, options.timeoutMs ?? 45_000, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    sessionsDir,
    stderr: () => stderr,
    close: () => stopChild(child, exited),
  };
}

function printedUrl(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  let stdout = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`modeldyno serve printed no URL within ${timeoutMs} ms; stderr:\n${stderr()}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ModelDyno is serving at (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`modeldyno serve exited (${code}) before printing its URL; stderr:\n${stderr()}`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killTimer);
}

/**
 * Closes what was opened, in order (the browser before the server it talks to), each even
 * when an earlier one threw or was never opened; rethrows the first error.
 */
export async function closeAll(...closers: Array<(() => Promise<unknown>) | undefined>): Promise<void> {
  let first: unknown = null;
  for (const close of closers) {
    try {
      await close?.();
    } catch (err) {
      first ??= err;
    }
  }
  if (first !== null) throw first;
}

/** The served app of a browser suite: read its members inside tests, after `beforeAll` ran. */
export interface ServedApp {
  readonly app: AppPage;
  readonly server: ServeProcess;
}

/**
 * One server, browser and page shared by the tests of a describe block, in order: the app
 * opened at the URL the server printed before them, an uncaught exception in the page
 * failing the test that caused it, and everything closed after them.
 */
export function useServedApp(start: () => Promise<ServeProcess> = () => startServe()): ServedApp {
  let server: ServeProcess | undefined;
  let browser: Browser | undefined;
  let app: AppPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await start();
    app = await newAppPage(browser);
    await app.page.goto(server.url);
    await app.page.getByTestId('screen-start').waitFor({ timeout: 30_000 });
  }, 90_000);

  afterEach(() => {
    const errors = app?.pageErrors.splice(0) ?? [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    if (app?.consoleErrors.length) console.warn(`console errors in the page:\n${app.consoleErrors.join('\n')}`);
    await closeAll(
      () => app?.context.close() ?? Promise.resolve(),
      () => browser?.close() ?? Promise.resolve(),
      () => server?.close() ?? Promise.resolve(),
    );
  });

  return {
    get app() {
      if (!app) throw new Error('the app is opened in beforeAll');
      return app;
    },
    get server() {
      if (!server) throw new Error('the server is started in beforeAll');
      return server;
    },
  };
}
