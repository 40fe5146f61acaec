/**
 * Computes a session's summary from its journal records alone. The host calls it when a
 * session ends; `modeldyno sessions/show` call it on the journal of a session that never
 * ended, so both paths give the same numbers for the same data.
 */
import { DynoError } from '../../shared/errors.js';
import type { MachineInfo, Sample, SeriesInfo } from '../../shared/sample.js';
import type { ModelInfo } from '../../shared/model.js';
import type { OpEvent, OpStat, Phase, ProfileResult, RunRecord, SessionStatus } from '../../shared/session.js';
import { SCHEMA_VERSION } from '../../shared/session.js';
import type { JournalRecord } from './journal-record.js';
import { fitAmdahl } from '../analysis/amdahl.js';
import { llmSummaries } from './llm-metrics.js';
import { latencyStats, percentile, samplesIn, seriesMean } from './stats.js';

type Of<T extends JournalRecord['type']> = Extract<JournalRecord, { type: T }>;

export function summarise(records: readonly JournalRecord[], statusIfUnended: SessionStatus): ProfileResult {
  const first = <T extends JournalRecord['type']>(type: T) => records.find((r): r is Of<T> => r.type === type);
  const last = <T extends JournalRecord['type']>(type: T) => records.findLast((r): r is Of<T> => r.type === type);
  const all = <T extends JournalRecord['type']>(type: T) => records.filter((r): r is Of<T> => r.type === type);

  const header = first('header');
  if (!header)
    throw new DynoError('session-invalid', 'The session journal has no header record; it is not a ModelDyno session.');
  const phases = all('phase').map((r) => r.phase);
  const notes = all('note').map((r) => r.message);
  const ortRunMs = last('ort-runs')?.ortRunMs ?? [];
  const runs = all('run').map((r) => ({ ...r.run, ortMs: ortRunMs[r.run.index] ?? r.run.ortMs }));
  const measured = runs.filter((r) => !r.warmup);
  const samples = all('sample').map((r) => r.sample);
  const window = measuredWindow(phases, measured);
  const inWindow = window ? samplesIn(samples, window.startMs, window.endMs) : [];
  const load = first('load');
  const loadMs = phaseMs(phases, 'read');
  const memory = last('memory');
  const samplerStats = last('sampler')?.stats;
  const llm = llmSummaries(all('llm-request'), first('llm-layout'));
  const sweep = all('sweep').map((r) => ({
    threads: r.threads,
    runs: r.latenciesMs.length,
    p50Ms: percentile(
      [...r.latenciesMs].sort((a, b) => a - b),
      50,
    ),
  }));

  return {
    schemaVersion: SCHEMA_VERSION,
    sessionId: header.sessionId,
    status: last('end')?.status ?? statusIfUnended,
    startedAt: header.startedAt,
    model: first('model')?.model ?? unreadModel(header.modelPath),
    machine: first('machine')?.machine ?? unknownMachine(),
    settings: header.settings,
    dims: first('inputs')?.dims ?? [],
    inputs: first('inputs')?.inputs ?? [],
    phases,
    ...(notes.length > 0 ? { notes } : {}),
    loadMs,
    createMs: phaseMs(phases, 'create'),
    firstRunMs: runs[0]?.durationMs ?? null,
    latencyMs: latencyStats(measured.map((r) => r.durationMs)),
    throughputPerSec:
      window && window.endMs > window.startMs ? (measured.length * 1000) / (window.endMs - window.startMs) : null,
    peakRssBytes: maxOf([memory?.peakRssBytes ?? null, ...samples.map((s) => s.values['proc.rssBytes'] ?? null)]),
    cpu: {
      avgUtilPct: seriesMean(inWindow, 'cpu.total.busyPct'),
      perCoreAvgPct: perCoreAverages(inWindow),
      workerAvgPct: seriesMean(inWindow, 'proc.cpuPct'),
    },
    disk: {
      loadReadBytes: load?.diskReadBytes ?? null,
      loadReadMBps: load?.diskReadBytes != null && loadMs ? load.diskReadBytes / 1e6 / (loadMs / 1000) : null,
    },
    sampler: samplerStats ?? rebuiltSamplerStats(header.settings.hz, samples),
    series: mergeSeries(all('series').flatMap((r) => r.series)),
    runs,
    ops: opStats(
      all('op').map((r) => r.op),
      new Set(measured.map((r) => r.index)),
    ),
    threadSweep: sweep,
    amdahl: fitAmdahl(sweep),
    llm: llm[0] ?? null,
    sweep: llm,
    ...(last('error') ? { error: last('error')!.error } : {}),
  };
}

function phaseMs(phases: Phase[], name: Phase['name']): number | null {
  return phases.find((p) => p.name === name)?.durationMs ?? null;
}

/** The measured-runs phase, or the span of the runs recorded before a kill. */
function measuredWindow(phases: Phase[], measured: RunRecord[]): { startMs: number; endMs: number } | null {
  const phase = phases.find((p) => p.name === 'runs');
  if (phase) return { startMs: phase.startMs, endMs: phase.startMs + phase.durationMs };
  const firstRun = measured[0];
  const lastRun = measured[measured.length - 1];
  if (!firstRun || !lastRun) return null;
  return { startMs: firstRun.startMs, endMs: lastRun.startMs + lastRun.durationMs };
}

function perCoreAverages(samples: Sample[]): number[] {
  const result: number[] = [];
  for (let core = 0; ; core++) {
    const avg = seriesMean(samples, `cpu.${core}.busyPct`);
    if (avg === null) return result;
    result.push(avg);
  }
}

/** A loop, not `Math.max(...values)`: spreading an hour of 50 Hz samples overflows the stack. */
function maxOf(values: Array<number | null>): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

function mergeSeries(series: SeriesInfo[]): SeriesInfo[] {
  return [...new Map(series.map((s) => [s.name, s])).values()];
}

/** Kernel time per node over the measured runs, largest first. */
export function opStats(events: OpEvent[], measuredRuns: Set<number>): OpStat[] {
  const byNode = new Map<string, OpStat>();
  let total = 0;
  for (const event of events) {
    if (!measuredRuns.has(event.run)) continue;
    total += event.durationMs;
    const stat = byNode.get(event.name) ?? {
      name: event.name,
      opType: event.opType,
      provider: event.provider,
      totalMs: 0,
      count: 0,
      meanMs: 0,
      pct: 0,
    };
    stat.totalMs += event.durationMs;
    stat.count += 1;
    byNode.set(event.name, stat);
  }
  return [...byNode.values()]
    .map((s) => ({ ...s, meanMs: s.totalMs / s.count, pct: total > 0 ? (100 * s.totalMs) / total : 0 }))
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** What can still be said of the sampler after the host died before reporting. */
function rebuiltSamplerStats(hzRequested: number, samples: Sample[]): ProfileResult['sampler'] {
  const spanMs = samples.length > 1 ? samples[samples.length - 1]!.tMs - samples[0]!.tMs : 0;
  return {
    source: 'proc',
    hzRequested,
    hzAchieved: spanMs > 0 ? ((samples.length - 1) * 1000) / spanMs : 0,
    samples: samples.length,
    missed: 0,
    cpuPct: null,
    gpu: samples.some((s) => Object.keys(s.values).some((k) => k.startsWith('gpu.'))),
  };
}

function unreadModel(path: string): ModelInfo {
  return {
    path,
    sizeBytes: 0,
    sha256: '',
    irVersion: 0,
    producer: '',
    opsets: [],
    inputs: [],
    outputs: [],
    opCounts: {},
    nodeCount: 0,
    parameterCount: 0,
    parameterBytes: 0,
    externalData: false,
  };
}

/** A machine nothing is known of; `cpuModel` may say why. */
export function unknownMachine(cpuModel = 'unknown'): MachineInfo {
  return {
    cpuModel,
    physicalCores: 0,
    logicalCores: 0,
    cpuSpeedGHz: null,
    memTotalBytes: 0,
    swapTotalBytes: 0,
    os: 'unknown',
    kernel: 'unknown',
    arch: 'unknown',
    hostname: 'unknown',
    disks: [],
    gpus: [],
  };
}
