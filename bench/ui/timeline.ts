/**
 * `npm run bench`, part 4: the timeline on a synthetic one-hour, 50 Hz session (180,000
 * samples per series, 19 series incl. 8 per-core) in Chromium at 1280×800. Measures the
 * engine's querySeries alone, time to interactive (navigation to every track drawn),
 * and time per zoom (key press to the new window drawn at full resolution).
 * Targets: < 1 s to interactive, < 150 ms per zoom.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SERIES_FILE } from '../../electron/core/api/series-file.js';
import { createProfilerService } from '../../electron/core/api/service.js';
import { packageRoot } from '../../electron/core/package-root.js';
import { startWebHost } from '../../electron/hosts/web/server.js';
import { launch, timeToInteractive, timeZoom, type ZoomTiming } from './browser.js';
import { writeSyntheticSession, type SyntheticSession } from './synthetic-session.js';

export interface TimelineBench {
  session: SyntheticSession;
  engine: {
    firstMs: number;
    wholeMs: number;
    windowMs: number;
    /** analyse() of the session, which the app asks for beside the timeline; the error when it fails. */
    analyseMs: number;
    analyseError: string | null;
  };
  /** How the timeline was opened; `gap` says what the app lacked when the standalone page stood in. */
  route: { kind: 'app' | 'standalone'; gap: string | null };
  ttiMs: {
    /** Never opened before: the host reads the whole journal. */
    cold: number | null;
    /** The same page reloaded: the host holds the series. */
    reload: number | null;
    /** A new host on a session opened before: the engine's series file, not the journal. */
    reopened: number | null;
  };
  zooms: ZoomTiming[];
}

/** Ten zooms in (3,600 s → 3.5 s at the centre), four pans, ten zooms out. */
const KEYS = [...Array(10).fill('w'), ...Array(4).fill('d'), ...Array(10).fill('s')] as string[];

export async function benchTimeline(): Promise<TimelineBench> {
  const home = mkdtempSync(join(tmpdir(), 'modeldyno-bench-ui-'));
  const sessionsDir = join(home, 'sessions');
  try {
    const session = writeSyntheticSession(sessionsDir);
    const seriesFile = join(sessionsDir, session.sessionId, SERIES_FILE);
    const engine = await timeEngine(sessionsDir, session.sessionId);
    rmSync(seriesFile, { force: true });
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const opened = await openTimeline(page, sessionsDir, session.sessionId, home, seriesFile);
      let zooms: ZoomTiming[] = [];
      let reload: number | null = null;
      try {
        await page.reload();
        reload = await timeToInteractive(page, page.url(), 60_000);
        if (reload !== null) for (const key of KEYS) zooms.push(await timeZoom(page, key));
      } finally {
        await opened.host.close();
      }
      const again = await startWebHost({ sessionsDir, rendererDir: opened.rendererDir });
      let reopened: number | null;
      try {
        reopened = await timeToInteractive(page, `${again.url}${opened.hash}`, 60_000);
      } finally {
        await again.close();
      }
      if (reload === null) zooms = [];
      return { session, engine, route: opened.route, ttiMs: { cold: opened.ttiMs, reload, reopened }, zooms };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Opens the session's timeline the way a user would, through the app's route; when the
 * app has none, through the standalone timeline page on a fresh host, with the engine's
 * series file removed again so that open is as cold as the app's would have been.
 */
async function openTimeline(page: Page, sessionsDir: string, sessionId: string, home: string, seriesFile: string) {
  const app = await startWebHost({ sessionsDir });
  const appHash = `#/session/${sessionId}/timeline`;
  const ttiMs = await timeToInteractive(page, `${app.url}${appHash}`, 20_000);
  if (ttiMs !== null) {
    return { host: app, hash: appHash, rendererDir: undefined, ttiMs, route: { kind: 'app' as const, gap: null } };
  }
  await app.close();
  rmSync(seriesFile, { force: true });
  const rendererDir = await buildStandalone(home);
  const host = await startWebHost({ sessionsDir, rendererDir });
  const hash = `#session=${sessionId}&analysis=off`;
  return {
    host,
    hash,
    rendererDir,
    ttiMs: await timeToInteractive(page, `${host.url}${hash}`, 60_000),
    route: { kind: 'standalone' as const, gap: `the app did not show a timeline at ${appHash}` },
  };
}

/** querySeries in-process: the first (reads the journal), the whole hour, and a one-minute window. */
async function timeEngine(sessionsDir: string, sessionId: string): Promise<TimelineBench['engine']> {
  const service = createProfilerService({ hostKind: 'memory', roots: [], sessionsDir });
  const time = async (query: Parameters<typeof service.querySeries>[0]) => {
    const t0 = performance.now();
    await service.querySeries(query);
    return performance.now() - t0;
  };
  try {
    const firstMs = await time({ sessionId, maxPoints: 2200 });
    const median = async (query: Parameters<typeof service.querySeries>[0]) => {
      const times = [];
      for (let i = 0; i < 7; i++) times.push(await time(query));
      return times.sort((a, b) => a - b)[3]!;
    };
    const wholeMs = await median({ sessionId, maxPoints: 2200 });
    const windowMs = await median({ sessionId, fromMs: 1_800_000, toMs: 1_860_000, maxPoints: 2200 });
    const t0 = performance.now();
    const analyseError = await service.analyse(sessionId).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 120),
    );
    return { firstMs, wholeMs, windowMs, analyseMs: performance.now() - t0, analyseError };
  } finally {
    await service.dispose();
  }
}

/** Builds the standalone timeline page (renderer/src/features/timeline/standalone.tsx). */
async function buildStandalone(home: string): Promise<string> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const outDir = join(home, 'page');
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

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The bench's lines for `npm run bench`. */
export function printTimelineBench(bench: TimelineBench): void {
  const { session, engine, route, ttiMs, zooms } = bench;
  console.log(
    `\nTimeline — synthetic 1-hour 50 Hz session: ${session.samples.toLocaleString('en')} samples × ${session.series} series ` +
      `(${(session.journalBytes / 1e6).toFixed(0)} MB journal), Chromium 1280×800`,
  );
  console.log(
    `  engine querySeries alone: first ${ms(engine.firstMs)} (reads the journal), whole hour at 2,200 points ${ms(engine.wholeMs)}, ` +
      `one-minute window ${ms(engine.windowMs)} (medians of 7)`,
  );
  // The host runs analyse on the thread that answers querySeries: while it runs, the timeline waits.
  console.log(
    `  engine analyse alone: ${ms(engine.analyseMs)}${engine.analyseError ? ` and failed: ${engine.analyseError}` : ''}` +
      (route.kind === 'standalone' ? ' (left out of the timings below)' : ''),
  );
  console.log(
    `  opened through: ${route.kind === 'app' ? 'the app, #/session/<id>/timeline' : `the standalone timeline page (${route.gap})`}`,
  );
  const under = (value: number | null) => verdict(value !== null && value < 1000);
  console.log(
    `  time to interactive (target < 1000 ms): ${ms(ttiMs.reopened)} reopened on a new host (${under(ttiMs.reopened)}), ` +
      `${ms(ttiMs.reload)} on reload (${under(ttiMs.reload)}), ${ms(ttiMs.cold)} on the very first open, ` +
      `which reads the whole journal (${under(ttiMs.cold)})`,
  );
  if (zooms.length === 0) {
    console.log('  zoom: not measured (the timeline never drew)');
    return;
  }
  const resolved = zooms.map((z) => z.resolvedMs);
  const held = zooms.map((z) => z.heldMs);
  const worst = Math.max(...resolved);
  console.log(
    `  per zoom/pan (${zooms.length}: 10 in, 4 pans, 10 out): to full resolution median ${ms(median(resolved))}, max ${ms(worst)} ` +
      `(target < 150 ms: ${verdict(median(resolved) < 150)}); redraw from held data median ${ms(median(held))}`,
  );
}
