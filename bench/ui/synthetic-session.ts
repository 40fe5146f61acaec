/**
 * A one-hour, 50 Hz session written the way electron/core/recording writes one (an NDJSON
 * journal of JournalRecords, then what the recorder writes at the end: `finishSession`), with signals shaped like
 * a real CPU inference run: a read burst, a session build that grows the worker's memory,
 * then an hour of runs with busy cores, stalls, spikes, periodic write flushes, a slow
 * leak and a late swap-in. Seeded, so every bench run draws the same data.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalRecord } from '../../electron/core/recording/journal-record.js';
import { JOURNAL_FILE } from '../../electron/core/recording/store.js';
import { recommendationTargets } from '../../electron/core/analysis/targets.js';
import { finishSession } from '../../electron/core/session-end.js';
import { describeSeries } from '../../electron/core/sampling/series-catalog.js';
import { defaultSettings, SCHEMA_VERSION, type Phase } from '../../electron/shared/session.js';

export interface SyntheticSession {
  sessionId: string;
  samples: number;
  series: number;
  journalBytes: number;
}

/** The shape of the session: the bench's is 8 cores, no GPU, one hour. */
export interface SyntheticOptions {
  sessionId: string;
  durationMs: number;
  cores: number;
  /** GPUs with util, memory and power series, as nvidia-smi gives them. */
  gpus: number;
  seed: number;
}

const BENCH: SyntheticOptions = { sessionId: 'bench-timeline-1h', durationMs: 3_600_000, cores: 8, gpus: 0, seed: 42 };
const INTERVAL_MS = 20;
const PHASES: Phase[] = [
  { name: 'read', startMs: 300, durationMs: 1500 },
  { name: 'create', startMs: 1800, durationMs: 4200 },
  { name: 'warmup', startMs: 6000, durationMs: 2000 },
  { name: 'runs', startMs: 8000, durationMs: 3_592_000 },
];
const RUN_MS = 180;
/** ONNX Runtime's profiler stops recording after this many runs (see series-store.ts). */
const RUNS_WITH_OPS = 1000;
const OPS = ['MatMul', 'Add', 'Gelu', 'MatMul', 'LayerNormalization', 'Softmax'];

/** mulberry32: small, fast and good enough to make noise reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const seriesNames = (cores: number, gpus: number) => [
  'cpu.total.busyPct',
  'cpu.total.iowaitPct',
  ...Array.from({ length: cores }, (_, i) => `cpu.${i}.busyPct`),
  'proc.cpuPct',
  'proc.rssBytes',
  'mem.availableBytes',
  'mem.swapUsedBytes',
  'disk.nvme0n1.readBytesPerSec',
  'disk.nvme0n1.writeBytesPerSec',
  'net.eth0.rxBytesPerSec',
  'net.eth0.txBytesPerSec',
  'psi.cpu.somePct',
  ...Array.from({ length: gpus }, (_, i) =>
    ['utilPct', 'memUtilPct', 'memUsedBytes', 'memTotalBytes', 'powerWatts'].map((m) => `gpu.${i}.${m}`),
  ).flat(),
];

/** Writes the session under `sessionsDir` and returns its id and size. */
export function writeSyntheticSession(sessionsDir: string, options: Partial<SyntheticOptions> = {}): SyntheticSession {
  const { sessionId, durationMs, cores, gpus, seed } = { ...BENCH, ...options };
  const names = seriesNames(cores, gpus);
  const dir = join(sessionsDir, sessionId);
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, JOURNAL_FILE), 'w');
  const records: JournalRecord[] = [];
  let pending: string[] = [];
  let journalBytes = 0;
  const add = (record: JournalRecord) => {
    records.push(record);
    pending.push(JSON.stringify(record));
    if (pending.length >= 5000) flush();
  };
  const flush = () => {
    const text = `${pending.join('\n')}\n`;
    journalBytes += Buffer.byteLength(text);
    writeSync(fd, text);
    pending = [];
  };
  try {
    for (const record of headerRecords(sessionId, durationMs, cores, names)) add(record);
    const phases = PHASES.map((p) =>
      p.name === 'runs' ? { ...p, durationMs: Math.max(1000, durationMs - p.startMs) } : p,
    );
    const random = prng(seed);
    const signal = signals(random, phases, cores, gpus);
    const runs = phases.find((p) => p.name === 'runs')!;
    let nextRun = runs.startMs;
    let runIndex = 0;
    let phaseIndex = 0;
    const samples = Math.floor(durationMs / INTERVAL_MS);
    for (let i = 1; i <= samples; i++) {
      const tMs = i * INTERVAL_MS;
      while (phaseIndex < phases.length && phases[phaseIndex]!.startMs <= tMs)
        add({ type: 'phase', phase: phases[phaseIndex++]! });
      while (nextRun + RUN_MS <= tMs && nextRun + RUN_MS <= runs.startMs + runs.durationMs) {
        for (const record of runRecords(runIndex++, nextRun, random)) add(record);
        nextRun += RUN_MS;
      }
      add({ type: 'sample', sample: { tMs, values: signal(tMs) } });
    }
    add({
      type: 'sampler',
      stats: { source: 'proc', hzRequested: 50, hzAchieved: 50, samples, missed: 0, cpuPct: 0.6, gpu: false },
    });
    add({ type: 'end', status: 'complete' });
    flush();
  } finally {
    closeSync(fd);
  }
  // As the recorder ends a session: the summary with its analysis, and the series in columns.
  finishSession(dir, records, 'complete', { profile: null, targets: recommendationTargets(), peakFlopsPerSec: null });
  return { sessionId, samples: Math.floor(durationMs / INTERVAL_MS), series: names.length, journalBytes };
}

function headerRecords(sessionId: string, durationMs: number, cores: number, names: string[]): JournalRecord[] {
  return [
    {
      type: 'header',
      schemaVersion: SCHEMA_VERSION,
      sessionId,
      startedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      hostPid: 1,
      modelPath: 'synthetic/encoder.onnx',
      settings: { ...defaultSettings, hz: 50, durationS: durationMs / 1000 },
    },
    {
      type: 'machine',
      machine: {
        cpuModel: `Synthetic ${cores}-core CPU`,
        physicalCores: cores,
        logicalCores: cores,
        cpuSpeedGHz: 3,
        memTotalBytes: 32e9,
        swapTotalBytes: 8e9,
        os: 'Linux',
        kernel: '6.1',
        arch: 'x64',
        hostname: 'bench',
        disks: [],
        gpus: [],
      },
    },
    { type: 'worker', pid: 2 },
    { type: 'series', series: names.map(describeSeries) },
  ];
}

function runRecords(index: number, startMs: number, random: () => number): JournalRecord[] {
  const durationMs = RUN_MS * (0.9 + 0.1 * random());
  const records: JournalRecord[] = [{ type: 'run', run: { index, warmup: false, startMs, durationMs, ortMs: null } }];
  if (index >= RUNS_WITH_OPS) return records;
  let opStart = startMs + 0.05;
  OPS.forEach((opType, k) => {
    const opMs = (durationMs - 1) * (opType === 'MatMul' ? 0.3 : 0.1);
    records.push({
      type: 'op',
      op: {
        run: index,
        name: `/layer/${opType}_${k}`,
        opType,
        provider: 'CPUExecutionProvider',
        startMs: opStart,
        durationMs: opMs,
        inputShapes: [[1, 128, 768]],
        outputShapes: [[1, 128, 768]],
      },
    });
    opStart += opMs + 0.02;
  });
  return records;
}

/** The value of every series at `tMs`, with state (stalls, flushes) carried between calls. */
function signals(
  random: () => number,
  phases: Phase[],
  cores: number,
  gpus: number,
): (tMs: number) => Record<string, number> {
  const at = (name: string) => phases.find((p) => p.name === name)!;
  const runsStart = at('runs').startMs;
  const createEnd = at('create').startMs + at('create').durationMs;
  let stallUntil = -1;
  return (tMs) => {
    const inRead = tMs >= at('read').startMs && tMs < at('create').startMs;
    const building = tMs >= at('create').startMs && tMs < runsStart;
    const running = tMs >= runsStart;
    if (running && stallUntil < tMs && random() < 1 / 6000) stallUntil = tMs + 300 + random() * 700;
    const stalled = tMs < stallUntil;
    const values: Record<string, number> = {};
    let sum = 0;
    for (let core = 0; core < cores; core++) {
      const base = running
        ? stalled
          ? 12
          : 82 + 3 * Math.sin(tMs / 7000 + core)
        : core === 0 && (inRead || building)
          ? 97
          : 6;
      const spike = random() < 0.002 ? 30 : 0;
      const busy = clamp(base + (random() - 0.5) * 16 + spike, 0, 100);
      values[`cpu.${core}.busyPct`] = busy;
      sum += busy;
    }
    values['cpu.total.busyPct'] = sum / cores;
    values['cpu.total.iowaitPct'] = inRead ? 18 + random() * 6 : stalled ? 9 + random() * 4 : random() * 0.8;
    values['proc.cpuPct'] = sum * 0.96;
    const leak = running ? ((tMs - runsStart) / 3_600_000) * 60e6 : 0;
    const sawtooth = running ? ((tMs % 10_000) / 10_000) * 40e6 : 0;
    const rss = building
      ? 60e6 + ((tMs - at('create').startMs) / (createEnd - at('create').startMs)) * 1.14e9
      : tMs < createEnd
        ? 60e6
        : 1.2e9 + leak + sawtooth;
    values['proc.rssBytes'] = rss;
    values['mem.swapUsedBytes'] = tMs > 2_400_000 ? Math.min(220e6, (tMs - 2_400_000) * 400) : 0;
    values['mem.availableBytes'] = 30e9 - rss - random() * 50e6 + values['mem.swapUsedBytes'];
    values['disk.nvme0n1.readBytesPerSec'] = inRead ? 1.4e9 + random() * 2e8 : random() < 0.03 ? random() * 20e6 : 0;
    values['disk.nvme0n1.writeBytesPerSec'] =
      tMs % 5000 < 100 ? 25e6 + random() * 10e6 : random() < 0.01 ? random() * 2e6 : 0;
    values['net.eth0.rxBytesPerSec'] = 2e3 + random() * 18e3 + (random() < 0.004 ? 4e6 : 0);
    values['net.eth0.txBytesPerSec'] = 1e3 + random() * 9e3 + (random() < 0.004 ? 1e6 : 0);
    values['psi.cpu.somePct'] = clamp((values['cpu.total.busyPct'] - 75) * 2 + random() * 3, 0, 100);
    for (let gpu = 0; gpu < gpus; gpu++) {
      const util = running && !stalled ? clamp(88 + (random() - 0.5) * 20, 0, 100) : 0;
      values[`gpu.${gpu}.utilPct`] = util;
      values[`gpu.${gpu}.memUtilPct`] = util * 0.6;
      values[`gpu.${gpu}.memUsedBytes`] = building || running ? 40e9 + (running ? 30e9 : 0) : 0.5e9;
      values[`gpu.${gpu}.memTotalBytes`] = 141e9;
      values[`gpu.${gpu}.powerWatts`] = 110 + util * 5.5 + random() * 20;
    }
    return values;
  };
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
