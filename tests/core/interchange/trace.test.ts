import { beforeAll, describe, expect, it } from 'vitest';
import { chromeTrace, MAX_COUNTER_POINTS, type TraceEvent } from '../../../electron/core/interchange/index.js';
import { loadSessionData } from '../../../electron/core/recording/store.js';
import { profileDecoder, type RealSession } from './sessions.js';

let decoder: RealSession;
let trace: { traceEvents: TraceEvent[]; displayTimeUnit: string; metadata: Record<string, unknown> };

beforeAll(async () => {
  decoder = await profileDecoder();
  const text = chromeTrace(decoder.root, decoder.result.sessionId);
  console.log(`decoder trace: ${text.length} B`);
  trace = JSON.parse(text) as typeof trace;
}, 120_000);

const threadNames = () =>
  new Map(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [`${e.pid}/${e.tid}`, (e.args as { name: string }).name]),
  );
const slicesOn = (name: string) => {
  const names = threadNames();
  return trace.traceEvents.filter((e) => e.ph === 'X' && names.get(`${e.pid}/${e.tid}`)?.startsWith(name));
};

describe('Chrome trace of a real decoder session', () => {
  it('has only events with a valid ph, ts, pid and tid, numeric counters and non-negative durations', () => {
    expect(trace.displayTimeUnit).toBe('ms');
    expect(trace.metadata['modeldyno-session']).toBe(decoder.result.sessionId);
    for (const event of trace.traceEvents) {
      expect(['X', 'C', 'M']).toContain(event.ph);
      expect(typeof event.name).toBe('string');
      expect(Number.isFinite(event.ts)).toBe(true);
      expect(Number.isInteger(event.pid)).toBe(true);
      expect(Number.isInteger(event.tid)).toBe(true);
      if (event.ph === 'X') expect(event.dur! >= 0 && Number.isFinite(event.dur)).toBe(true);
      if (event.ph === 'C') {
        const values = Object.values(event.args ?? {});
        expect(values.length).toBe(1);
        for (const v of values) expect(typeof v === 'number' && Number.isFinite(v)).toBe(true);
      }
      if (event.ph === 'M') expect(event.args).toBeDefined();
    }
  });

  it('puts phases, runs, requests, decode steps, ops and bottlenecks on named threads', () => {
    const { result } = decoder;
    const data = loadSessionData(decoder.root, result.sessionId);
    expect(data.requests.length).toBeGreaterThan(0);
    expect(slicesOn('Phases').map((e) => e.name)).toEqual(
      [...result.phases].sort((a, b) => a.startMs - b.startMs).map((p) => p.name),
    );
    expect(slicesOn('Runs')).toHaveLength(result.runs.length);
    expect(slicesOn('LLM requests')).toHaveLength(data.requests.length);
    const tokens = data.requests.reduce((n, r) => n + r.tokenRuns.length, 0);
    expect(slicesOn('Decode steps')).toHaveLength(tokens);
    expect(slicesOn('Decode steps').filter((e) => e.name === 'prefill')).toHaveLength(data.requests.length);
    expect(slicesOn('ONNX Runtime ops')).toHaveLength(data.opEvents.length);
    expect(slicesOn('Bottlenecks')).toHaveLength(result.segments?.length ?? 0);
    expect(result.segments?.length).toBeGreaterThan(0);
  });

  it('keeps the slices of each thread from overlapping, as both viewers need', () => {
    const byThread = new Map<string, TraceEvent[]>();
    for (const e of trace.traceEvents.filter((e) => e.ph === 'X')) {
      const key = `${e.pid}/${e.tid}`;
      byThread.set(key, [...(byThread.get(key) ?? []), e]);
    }
    for (const slices of byThread.values()) {
      slices.sort((a, b) => a.ts - b.ts);
      for (let i = 1; i < slices.length; i++)
        expect(slices[i]!.ts).toBeGreaterThanOrEqual(slices[i - 1]!.ts + slices[i - 1]!.dur!);
    }
  });

  it('gives each CPU, memory and disk series a counter track of at most the point limit', () => {
    const counters = new Map<string, number>();
    for (const e of trace.traceEvents.filter((e) => e.ph === 'C'))
      counters.set(e.name, (counters.get(e.name) ?? 0) + 1);
    expect(counters.has('cpu.total.busyPct')).toBe(true);
    expect(counters.has('mem.availableBytes')).toBe(true);
    expect([...counters.keys()].some((n) => n.startsWith('disk.'))).toBe(true);
    expect([...counters.keys()].some((n) => n.startsWith('proc.'))).toBe(true);
    for (const n of counters.values()) expect(n).toBeLessThanOrEqual(MAX_COUNTER_POINTS);
  });
});
