/**
 * A session as Chrome Trace Event JSON (the object form), for Perfetto UI and
 * chrome://tracing. Process 1 is the session: phases, runs, LLM requests, decode steps,
 * ONNX Runtime ops and bottleneck segments, each a named thread of complete (`X`)
 * slices; process 2 is the machine: one counter (`C`) track per hardware series.
 * Times are µs from the session origin, as the format requires.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpEvent, ProfileResult } from '../../shared/session.js';
import { downsample } from '../api/downsample.js';
import { JournalRecord } from '../recording/journal-record.js';
import { readSessionOps, readSessionSeries } from '../recording/series-store.js';
import { JOURNAL_FILE, loadSession } from '../recording/store.js';

export interface TraceEvent {
  name: string;
  ph: 'X' | 'C' | 'M';
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

/** Per series: min/max downsampling keeps spikes; an hour at 50 Hz is 180,000 points. */
export const MAX_COUNTER_POINTS = 5000;
/**
 * Op slices kept, earliest runs first: the profiler keeps up to 1,000 runs, and 1,000
 * runs of a 500-node graph would be half a million slices, past what chrome://tracing
 * loads comfortably; later runs repeat the same ops.
 */
export const MAX_OP_SLICES = 100_000;

const SESSION_PID = 1;
const MACHINE_PID = 2;

type Slice = Omit<TraceEvent, 'ph' | 'pid' | 'tid'> & { dur: number };

/** ms on the session clock → µs, rounded to the ns so the JSON stays short. */
const us = (ms: number) => Math.round(ms * 1e6) / 1e3;

export function chromeTrace(root: string, sessionId: string): string {
  const { result } = loadSession(root, sessionId);
  const dir = join(root, sessionId);
  const events: TraceEvent[] = [
    meta(SESSION_PID, 0, 'process_name', `ModelDyno session ${sessionId}`),
    meta(SESSION_PID, 0, 'process_sort_index', 1),
    meta(MACHINE_PID, 0, 'process_name', `Machine: ${result.machine.cpuModel}`),
    meta(MACHINE_PID, 0, 'process_sort_index', 2),
  ];
  let nextTid = 1;
  const track = (name: string, slices: Slice[]) => {
    for (const lane of lanes(slices)) {
      const tid = nextTid++;
      const label = lane.index > 0 ? `${name} (${lane.index + 1})` : name;
      events.push(meta(SESSION_PID, tid, 'thread_name', label), meta(SESSION_PID, tid, 'thread_sort_index', tid));
      for (const slice of lane.slices) events.push({ ...slice, ph: 'X', pid: SESSION_PID, tid });
    }
  };
  track('Phases', phaseSlices(result));
  track('Runs', runSlices(result));
  const requests = llmRequests(dir);
  track('LLM requests', requests.map(requestSlice));
  track('Decode steps', requests.flatMap(stepSlices));
  const ops = readSessionOps(dir);
  track('ONNX Runtime ops', ops.slice(0, MAX_OP_SLICES).map(opSlice));
  track('Bottlenecks', (result.segments ?? []).map(segmentSlice));
  events.push(...counters(dir));
  return JSON.stringify({
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: {
      'modeldyno-session': sessionId,
      model: result.model.path,
      startedAt: result.startedAt,
      status: result.status,
      schemaVersion: result.schemaVersion,
      clock: 'µs since the session origin (the host starting the session)',
      opSlicesOmitted: Math.max(0, ops.length - MAX_OP_SLICES),
    },
  });
}

function meta(pid: number, tid: number, name: string, value: string | number): TraceEvent {
  const args = typeof value === 'string' ? { name: value } : { sort_index: value };
  return { name, ph: 'M', ts: 0, pid, tid, args };
}

const TOUCH_US = 0.01;

/**
 * Splits slices into lanes in which none overlap, since both viewers expect the slices
 * of one thread to nest; runs from a parallel executor or overlapping segments get a
 * second lane instead of a broken track.
 */
function lanes(slices: Slice[]): Array<{ index: number; slices: Slice[] }> {
  const sorted = [...slices].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out: Array<{ index: number; slices: Slice[]; endUs: number }> = [];
  for (const slice of sorted) {
    // Back-to-back spans (one phase ends where the next starts) can differ by float
    // rounding of start + duration: below TOUCH_US they touch, and the later one starts
    // exactly where the earlier ends, so no viewer sees an overlap.
    let lane = out.find((l) => l.endUs <= slice.ts + TOUCH_US);
    if (!lane) out.push((lane = { index: out.length, slices: [], endUs: 0 }));
    const shiftUs = Math.max(0, lane.endUs - slice.ts);
    const placed = shiftUs > 0 ? { ...slice, ts: lane.endUs, dur: Math.max(0, slice.dur - shiftUs) } : slice;
    lane.slices.push(placed);
    lane.endUs = placed.ts + placed.dur;
  }
  return out;
}

function slice(name: string, cat: string, startMs: number, durationMs: number, args: Record<string, unknown>): Slice {
  return { name, cat, ts: us(startMs), dur: us(Math.max(0, durationMs)), args };
}

function phaseSlices(result: ProfileResult): Slice[] {
  return result.phases.map((p) => slice(p.name, 'phase', p.startMs, p.durationMs, { durationMs: p.durationMs }));
}

function runSlices(result: ProfileResult): Slice[] {
  return result.runs.map((r) =>
    slice(
      r.warmup ? `warm-up run ${r.index}` : `run ${r.index}`,
      r.warmup ? 'warmup' : 'run',
      r.startMs,
      r.durationMs,
      {
        index: r.index,
        warmup: r.warmup,
        durationMs: r.durationMs,
        ortMs: r.ortMs,
      },
    ),
  );
}

type LlmRequest = Extract<JournalRecord, { type: 'llm-request' }>;

/** Only the request lines are parsed: the samples of an hour-long journal are not needed here. */
function llmRequests(dir: string): LlmRequest[] {
  let text: string;
  try {
    text = readFileSync(join(dir, JOURNAL_FILE), 'utf8');
  } catch {
    return []; // a session without a journal has its summary only.
  }
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{"type":"llm-request"')) return [];
    try {
      const parsed = JournalRecord.safeParse(JSON.parse(line));
      return parsed.success && parsed.data.type === 'llm-request' ? [parsed.data] : [];
    } catch {
      return []; // a torn line, as the journal reader skips it.
    }
  });
}

function requestSlice(r: LlmRequest): Slice {
  const endMs = r.tokenMs[r.tokenMs.length - 1] ?? r.startMs;
  const name = `${r.warmup ? 'warm-up ' : ''}P${r.promptTokens} N${r.outputTokens} B${r.batch} #${r.repetition}`;
  return slice(name, r.warmup ? 'warmup' : 'request', r.startMs, endMs - r.startMs, {
    promptTokens: r.promptTokens,
    outputTokens: r.outputTokens,
    batch: r.batch,
    repetition: r.repetition,
    ttftMs: (r.tokenMs[0] ?? r.startMs) - r.startMs,
  });
}

/** The first token is the prefill's; each later one is a decode step. */
function stepSlices(r: LlmRequest): Slice[] {
  return r.tokenMs.map((atMs, i) => {
    const fromMs = i === 0 ? r.startMs : r.tokenMs[i - 1]!;
    const name = i === 0 ? 'prefill' : `decode ${i}`;
    return slice(name, i === 0 ? 'prefill' : 'decode', fromMs, atMs - fromMs, {
      token: i,
      run: r.tokenRuns[i] ?? null,
    });
  });
}

function opSlice(op: OpEvent): Slice {
  return slice(op.name, op.opType, op.startMs, op.durationMs, {
    opType: op.opType,
    provider: op.provider,
    run: op.run,
    inputShapes: op.inputShapes.map((s) => s.join('×')).join(', '),
  });
}

function segmentSlice(s: { startMs: number; endMs: number; label: string }): Slice {
  return slice(s.label, 'bottleneck', s.startMs, s.endMs - s.startMs, { label: s.label });
}

/** One counter track per series, named by its key, with the unit as the argument name. */
function counters(dir: string): TraceEvent[] {
  const series = readSessionSeries(dir, false);
  const events: TraceEvent[] = [];
  for (const { info, column } of series.described()) {
    const points = downsample(column, column.tMs[0]!, column.tMs[column.length - 1]!, MAX_COUNTER_POINTS);
    const key = info.unit;
    points.tMs.forEach((tMs, i) => {
      const value = points.values[i]!;
      if (!Number.isFinite(value) || !Number.isFinite(tMs)) return;
      events.push({
        name: info.name,
        cat: info.group,
        ph: 'C',
        ts: us(tMs),
        pid: MACHINE_PID,
        tid: 0,
        args: { [key]: value },
      });
    });
  }
  return events;
}
