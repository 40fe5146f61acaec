/**
 * `npm run bench`, last part: one long profile (default 10 minutes at 50 Hz on
 * mlp.onnx) through startProfile in this process, as the CLI runs it. Every 10 s it
 * reads this host's memory and the journal's size. Targets: host memory growth < 50 MB
 * (last reading minus the first after warm-up, RSS and heap), samples recorded ≥ 99 %
 * of hz × the sampler's lifetime. `BENCH_LONG_S` shortens the run for a dry run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProfile } from '../electron/core/profiler.js';
import { SERIES_FILE } from '../electron/core/recording/series-file.js';
import { JOURNAL_FILE } from '../electron/core/recording/store.js';
import { defaultSettings } from '../electron/shared/session.js';

export interface MemoryReading {
  /** Seconds since the profile started. */
  atS: number;
  rssBytes: number;
  heapUsedBytes: number;
  journalBytes: number;
  /** The machine's 1-minute load average: on a shared machine, other work delays ticks. */
  load1: number;
}

export interface LongRunBench {
  hz: number;
  durationS: number;
  status: string;
  readings: MemoryReading[];
  /** The first reading after warm-up, against which growth is measured. */
  baseline: MemoryReading;
  last: MemoryReading;
  /** After the summary was written: what finishing the session added. */
  afterFinish: { rssBytes: number; heapUsedBytes: number };
  samples: number;
  /** hz × the sampler's lifetime (from the start of the profile to the sampler's stop). */
  samplesExpected: number;
  samplerMissed: number;
  /** Gaps between consecutive samples longer than 1.5 intervals, and the longest, in ms. */
  gaps: number;
  longestGapMs: number;
  /** Journal records of the session (runs, samples, …), read back from the journal for the summary at the end. */
  records: number;
  runs: number;
  journalBytes: number;
  seriesBinBytes: number;
  /** Minutes of the session, start to end. */
  sessionMin: number;
}

const READ_EVERY_MS = 10_000;
export const GROWTH_TARGET_BYTES = 50e6;
export const SAMPLES_TARGET = 0.99;

const fileBytes = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0; // not written yet
  }
};

export async function benchLongRun(modelPath: string, durationS: number, hz = 50): Promise<LongRunBench> {
  const home = mkdtempSync(join(tmpdir(), 'modeldyno-bench-long-'));
  try {
    let samples = 0;
    let gaps = 0;
    let longestGapMs = 0;
    let lastSampleMs: number | null = null;
    let records = 0;
    let samplerStoppedMs: number | null = null;
    let journalPath = '';
    const t0 = performance.now();
    const readings: MemoryReading[] = [];
    const read = () => {
      const memory = process.memoryUsage();
      readings.push({
        atS: (performance.now() - t0) / 1000,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        journalBytes: fileBytes(journalPath),
        load1: loadavg()[0] ?? 0,
      });
    };
    const handle = await startProfile(
      {
        modelPath,
        sessionsDir: home,
        settings: { ...defaultSettings, hz, durationS, warmup: 10 },
      },
      {
        onSample: (sample) => {
          samples++;
          if (lastSampleMs !== null) {
            const gapMs = sample.tMs - lastSampleMs;
            if (gapMs > 1500 / hz) gaps++;
            longestGapMs = Math.max(longestGapMs, gapMs);
          }
          lastSampleMs = sample.tMs;
        },
        onRecord: (record) => {
          records++;
          if (record.type !== 'sampler') return;
          samplerStoppedMs = performance.now();
          read(); // the last reading: the run is over, the summary not yet built
        },
      },
    );
    journalPath = join(handle.dir, JOURNAL_FILE);
    read();
    const timer = setInterval(read, READ_EVERY_MS);
    const result = await handle.done.finally(() => clearInterval(timer));
    const endMs = performance.now();
    const memory = process.memoryUsage();
    // Warm-up: the first tenth of the run (ONNX Runtime's session, V8's compiled code and
    // the journal's buffers settle); growth is measured from the first reading after it.
    const warmS = Math.max(READ_EVERY_MS / 1000, durationS / 10);
    const baseline = readings.find((r) => r.atS >= warmS) ?? readings[0]!;
    const last = readings.at(-1)!;
    const samplerLifeS = ((samplerStoppedMs ?? endMs) - t0) / 1000;
    return {
      hz,
      durationS,
      status: result.status,
      readings,
      baseline,
      last,
      afterFinish: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      samples,
      samplesExpected: Math.floor(hz * samplerLifeS),
      samplerMissed: result.sampler.missed,
      gaps,
      longestGapMs,
      records,
      runs: result.runs.filter((r) => !r.warmup).length,
      journalBytes: fileBytes(journalPath),
      seriesBinBytes: fileBytes(join(handle.dir, SERIES_FILE)),
      sessionMin: (endMs - t0) / 60_000,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

export function printLongRunBench(bench: LongRunBench): void {
  const { baseline, last } = bench;
  const spanMin = Math.max(1e-9, (last.atS - baseline.atS) / 60);
  const rssGrowth = last.rssBytes - baseline.rssBytes;
  const heapGrowth = last.heapUsedBytes - baseline.heapUsedBytes;
  const share = bench.samples / Math.max(1, bench.samplesExpected);
  console.log(
    `\nLong run — mlp.onnx for ${bench.durationS} s at ${bench.hz} Hz in this process (${bench.status}, ` +
      `${bench.runs.toLocaleString('en')} runs, ${bench.sessionMin.toFixed(1)} min); host memory read every ${READ_EVERY_MS / 1000} s`,
  );
  console.log(
    `  host RSS   ${mb(baseline.rssBytes)} at ${baseline.atS.toFixed(0)} s → ${mb(last.rssBytes)} at ${last.atS.toFixed(0)} s: ` +
      `${signedMb(rssGrowth)} (${signedMb(rssGrowth / spanMin)}/min) (target < ${mb(GROWTH_TARGET_BYTES)}: ${verdict(rssGrowth < GROWTH_TARGET_BYTES)})`,
  );
  console.log(
    `  host heap  ${mb(baseline.heapUsedBytes)} → ${mb(last.heapUsedBytes)}: ${signedMb(heapGrowth)} ` +
      `(${signedMb(heapGrowth / spanMin)}/min) (target < ${mb(GROWTH_TARGET_BYTES)}: ${verdict(heapGrowth < GROWTH_TARGET_BYTES)})`,
  );
  console.log(
    `  after the summary was written: RSS ${mb(bench.afterFinish.rssBytes)}, heap ${mb(bench.afterFinish.heapUsedBytes)}; ` +
      `${bench.records.toLocaleString('en')} journal records, read back from the journal for the summary`,
  );
  console.log(
    `  samples    ${bench.samples.toLocaleString('en')} of ${bench.samplesExpected.toLocaleString('en')} expected = ` +
      `${(share * 100).toFixed(2)} % (target ≥ ${SAMPLES_TARGET * 100} %: ${verdict(share >= SAMPLES_TARGET)}), ${bench.samplerMissed} missed ticks, ` +
      `${bench.gaps} gaps > 1.5 intervals (longest ${bench.longestGapMs.toFixed(0)} ms)`,
  );
  console.log(
    `  journal    ${mb(bench.journalBytes)} = ${mb(bench.journalBytes / bench.sessionMin)}/min; series.bin ${mb(bench.seriesBinBytes)}`,
  );
  console.log(
    `  machine    1-min load average ${mean(bench.readings.map((r) => r.load1)).toFixed(2)} over the run on ${cpus().length} cores (other work delays the sampler's ticks)`,
  );
  console.log(
    `  readings   ${bench.readings.map((r) => `${r.atS.toFixed(0)}s:${(r.rssBytes / 1e6).toFixed(0)}/${(r.heapUsedBytes / 1e6).toFixed(0)}`).join(' ')} (s: RSS/heap MB)`,
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const model = fileURLToPath(new URL('../../models/mlp.onnx', import.meta.url));
  printLongRunBench(await benchLongRun(model, Number(process.env.BENCH_LONG_S ?? 600)));
}
