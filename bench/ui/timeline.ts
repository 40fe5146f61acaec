/**
 * `npm run bench`, part 4: the timeline on a synthetic one-hour, 50 Hz session (180,000
 * samples per series, 19 series incl. 8 per-core) in Chromium at 1280×800. Measures the
 * engine's querySeries alone, time to interactive (navigation to every track drawn),
 * and time per zoom (key press to the new window drawn at full resolution).
 * Targets: < 1 s to interactive, < 150 ms per zoom.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SERIES_FILE } from '../../electron/core/recording/series-file.js';
import { createProfilerService } from '../../electron/core/api/service.js';
import { startWebHost } from '../../electron/hosts/web/server.js';
import { launch, timeZoom, type ZoomTiming } from './browser.js';
import { buildStandalone, openInApp, openStandalone, type OpenedTimeline } from './routes.js';
import { writeSyntheticSession, type SyntheticSession } from './synthetic-session.js';

/** One way of opening the timeline and what it measured. */
export interface TimelineRun {
  route: string;
  gap: string | null;
  ttiMs: { first: number | null; reload: number | null };
  zooms: ZoomTiming[];
}

export interface TimelineBench {
  session: SyntheticSession;
  engine: {
    firstMs: number;
    journalFirstMs: number;
    wholeMs: number;
    windowMs: number;
    /** analyse() of the session, which the app asks for beside the timeline; the error when it fails. */
    analyseMs: number;
    analyseError: string | null;
  };
  /** Through the app, as a user opens it (null when the app showed no way to the timeline). */
  app: TimelineRun | null;
  /** The timeline alone on its page, without the analysis the app asks for at the same time. */
  alone: TimelineRun;
}

/** Ten zooms in (3,600 s → 3.5 s at the centre), four pans, ten zooms out. */
const KEYS = [...Array(10).fill('w'), ...Array(4).fill('d'), ...Array(10).fill('s')] as string[];

export async function benchTimeline(): Promise<TimelineBench> {
  const home = mkdtempSync(join(tmpdir(), 'modeldyno-bench-ui-'));
  const sessionsDir = join(home, 'sessions');
  try {
    const session = writeSyntheticSession(sessionsDir);
    const engine = await timeEngine(sessionsDir, session.sessionId);
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const app = await measure(page, { sessionsDir }, (url) => openInApp(page, url, session.sessionId));
      const rendererDir = await buildStandalone(join(home, 'page'));
      const alone = await measure(page, { sessionsDir, rendererDir }, (url) =>
        openStandalone(page, url, session.sessionId),
      );
      return { session, engine, app, alone: alone! };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** On a fresh host: the first open, a reload, then the zooms. */
async function measure(
  page: Page,
  options: { sessionsDir: string; rendererDir?: string },
  open: (hostUrl: string) => Promise<OpenedTimeline | null>,
): Promise<TimelineRun | null> {
  const host = await startWebHost(options);
  try {
    const opened = await open(host.url);
    if (!opened) return null;
    const reload = opened.ttiMs === null ? null : await opened.reopen(page, host.url);
    const zooms: ZoomTiming[] = [];
    if (reload !== null) for (const key of KEYS) zooms.push(await timeZoom(page, key));
    return { route: opened.route, gap: opened.gap, ttiMs: { first: opened.ttiMs, reload }, zooms };
  } finally {
    await host.close();
  }
}

/**
 * querySeries in-process: the first (reads series.bin, as the recorder leaves it), the
 * whole hour, a one-minute window; then the first again on a new host without series.bin
 * (a session recorded before the column file existed: the journal is read and the file made).
 */
async function timeEngine(sessionsDir: string, sessionId: string): Promise<TimelineBench['engine']> {
  const journalFirstMs = await timeFirstWithoutColumns(sessionsDir, sessionId);
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
    return { firstMs, journalFirstMs, wholeMs, windowMs, analyseMs: performance.now() - t0, analyseError };
  } finally {
    await service.dispose();
  }
}

async function timeFirstWithoutColumns(sessionsDir: string, sessionId: string): Promise<number> {
  const columns = join(sessionsDir, sessionId, SERIES_FILE);
  renameSync(columns, `${columns}.aside`);
  const service = createProfilerService({ hostKind: 'memory', roots: [], sessionsDir });
  try {
    const t0 = performance.now();
    await service.querySeries({ sessionId, maxPoints: 2200 });
    return performance.now() - t0;
  } finally {
    await service.dispose();
    renameSync(`${columns}.aside`, columns);
  }
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} ms`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The bench's lines for `npm run bench`. */
export function printTimelineBench(bench: TimelineBench): void {
  const { session, engine } = bench;
  console.log(
    `\nTimeline — synthetic 1-hour 50 Hz session: ${session.samples.toLocaleString('en')} samples × ${session.series} series ` +
      `(${(session.journalBytes / 1e6).toFixed(0)} MB journal), Chromium 1280×800; targets < 1000 ms to interactive, < 150 ms per zoom`,
  );
  console.log(
    `  engine querySeries alone: first ${ms(engine.firstMs)} (reads series.bin), whole hour at 2,200 points ${ms(engine.wholeMs)}, ` +
      `one-minute window ${ms(engine.windowMs)} (medians of 7); first without series.bin ${ms(engine.journalFirstMs)} (reads the journal)`,
  );
  // The host runs analyse on the thread that answers querySeries: while it runs, the timeline waits.
  console.log(
    `  engine analyse alone: ${ms(engine.analyseMs)}${engine.analyseError ? `, then failed: ${engine.analyseError}` : ''}`,
  );
  if (!bench.app)
    console.log('  through the app: no way to the timeline found (no #/session/<id>/timeline, no sessions list)');
  else printRun('through the app', bench.app, 'first open on a new host');
  printRun('timeline alone', bench.alone, 'first open on a new host');
}

function printRun(title: string, run: TimelineRun, firstIs: string): void {
  const under = (value: number | null) => verdict(value !== null && value < 1000);
  console.log(`  ${title}, via ${run.route}${run.gap ? ` (${run.gap})` : ''}:`);
  console.log(
    `    time to interactive: ${ms(run.ttiMs.first)} ${firstIs} (${under(run.ttiMs.first)}), ${ms(run.ttiMs.reload)} on reload (${under(run.ttiMs.reload)})`,
  );
  if (run.zooms.length === 0) return console.log('    zoom: not measured (the timeline never drew)');
  const resolved = run.zooms.map((z) => z.resolvedMs);
  console.log(
    `    per zoom/pan (10 in, 4 pans, 10 out): to full resolution median ${ms(median(resolved))} (${verdict(median(resolved) < 150)}), ` +
      `max ${ms(Math.max(...resolved))}; redraw from held data median ${ms(median(run.zooms.map((z) => z.heldMs)))}`,
  );
}
