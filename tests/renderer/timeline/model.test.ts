import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../../electron/shared/sample.js';
import type { OpEvent } from '../../../electron/shared/session.js';
import { pickDataset, type Dataset } from '../../../renderer/src/features/timeline/model/datasets.js';
import { laneGeometry } from '../../../renderer/src/features/timeline/model/lanes.js';
import { LatestOnly } from '../../../renderer/src/features/timeline/model/latest-only.js';
import { LIVE_CAPACITY, LiveBuffer } from '../../../renderer/src/features/timeline/model/live-buffer.js';
import { readout } from '../../../renderer/src/features/timeline/model/readout.js';
import { mergePhases, sessionSpan } from '../../../renderer/src/features/timeline/model/session-view.js';
import {
  applyPhaseEvent,
  opAt,
  phaseAt,
  segmentAt,
  sortOps,
} from '../../../renderer/src/features/timeline/model/spans.js';
import { buildTracks, colorSlots, drawnSeriesNames } from '../../../renderer/src/features/timeline/model/tracks.js';

const info = (name: string, unit: SeriesInfo['unit'], group: SeriesInfo['group']): SeriesInfo => ({
  name,
  label: name,
  unit,
  group,
});

const sampled: SeriesInfo[] = [
  info('mem.availableBytes', 'bytes', 'memory'),
  info('mem.swapUsedBytes', 'bytes', 'memory'),
  info('cpu.total.busyPct', 'pct', 'cpu'),
  info('cpu.total.userPct', 'pct', 'cpu'),
  info('cpu.10.busyPct', 'pct', 'cpu'),
  info('cpu.2.busyPct', 'pct', 'cpu'),
  info('cpu.2.userPct', 'pct', 'cpu'),
  info('proc.cpuPct', 'pct', 'process'),
  info('proc.rssBytes', 'bytes', 'process'),
  info('proc.readBytes', 'bytes', 'process'),
  info('net.eth0.rxBytesPerSec', 'bytesPerSec', 'network'),
  info('net.eth0.txBytesPerSec', 'bytesPerSec', 'network'),
  info('net.lo.rxBytesPerSec', 'bytesPerSec', 'network'),
];

function dataset(range: [number, number], columns: Record<string, [number[], number[]]>): Dataset {
  const map = new Map(Object.entries(columns).map(([k, [t, v]]) => [k, { tMs: t, values: v, length: t.length }]));
  return { range: { fromMs: range[0], toMs: range[1] }, columns: map, rawCount: 0, pointCount: 0 };
}

describe('tracks', () => {
  const tracks = buildTracks(sampled);

  it('makes one track per group, CPU first, with per-core busy as a heat strip in core order', () => {
    expect(tracks.map((t) => t.group)).toEqual(['cpu', 'process', 'memory', 'network']);
    const cores = tracks[0]!.lanes[0]!;
    expect(cores.kind).toBe('heat');
    expect(cores.series.map((s) => s.name)).toEqual(['cpu.2.busyPct', 'cpu.10.busyPct']);
  });

  it('leaves out the series the heat strip and the busy line already show, and cumulative counters', () => {
    const names = drawnSeriesNames(tracks);
    expect(names).not.toContain('cpu.2.userPct');
    expect(names).not.toContain('cpu.total.userPct');
    expect(names).not.toContain('proc.readBytes');
    expect(names).toContain('proc.rssBytes');
  });

  it('gives GPUs a lane per unit and leaves out the memory ceiling that never moves', () => {
    const gpu = buildTracks([
      info('gpu.0.utilPct', 'pct', 'gpu'),
      info('gpu.0.memUsedBytes', 'bytes', 'gpu'),
      info('gpu.0.memTotalBytes', 'bytes', 'gpu'),
      info('gpu.0.powerWatts', 'watts', 'gpu'),
      info('gpu.1.utilPct', 'pct', 'gpu'),
    ]);
    expect(gpu.map((t) => t.group)).toEqual(['gpu']);
    expect(gpu[0]!.lanes.map((l) => [l.label, l.series.length])).toEqual([
      ['GPU busy', 2],
      ['GPU memory', 1],
      ['GPU power', 1],
    ]);
  });

  it('splits a group into lanes by unit so a lane shares one y axis', () => {
    const worker = tracks.find((t) => t.group === 'process')!;
    expect(worker.lanes.map((l) => l.unit)).toEqual(['pct', 'bytes']);
  });

  it("gives every interface's receive one colour and every send another", () => {
    const network = tracks.find((t) => t.group === 'network')!.lanes[0]!;
    expect(colorSlots(network)).toEqual([0, 1, 0]);
  });

  it('scales a lane to its visible peak, and shares of the machine to 100 %', () => {
    const data = dataset([0, 100], {
      'mem.availableBytes': [
        [0, 50, 100],
        [1e9, 3.2e9, 2e9],
      ],
      'cpu.total.busyPct': [
        [0, 100],
        [10, 20],
      ],
    });
    const memory = laneGeometry(tracks.find((t) => t.group === 'memory')!.lanes, data, { fromMs: 0, toMs: 101 }, 100);
    expect(memory[0]!.yMax).toBe(4e9);
    const cpu = laneGeometry(tracks[0]!.lanes, data, { fromMs: 0, toMs: 101 }, 100);
    expect(cpu[1]!.yMax).toBe(100);
  });
});

describe('datasets', () => {
  const base = dataset([0, 3_600_000], {});
  const detail = dataset([1000, 2000], {});

  it('draws from the finest dataset that covers the window', () => {
    expect(pickDataset([detail, base], { fromMs: 1200, toMs: 1800 })).toBe(detail);
  });

  it('falls back to the whole-session answer when the finer one does not cover the window', () => {
    expect(pickDataset([detail, base], { fromMs: 500, toMs: 1800 })).toBe(base);
    expect(pickDataset([null, null], { fromMs: 0, toMs: 1 })).toBeNull();
  });
});

describe('the live buffer', () => {
  it('stays within its capacity over a long run and keeps every spike', () => {
    const buffer = new LiveBuffer();
    const total = LIVE_CAPACITY * 5;
    for (let i = 0; i < total; i++) buffer.append({ tMs: i * 20, values: { x: i === 70_001 ? 99 : i % 7 } });
    const column = buffer.dataset()!.columns.get('x')!;
    expect(column.length).toBeLessThanOrEqual(LIVE_CAPACITY);
    expect(Math.max(...Array.from(column.values as Float64Array).slice(0, column.length))).toBe(99);
    for (let i = 1; i < column.length; i++) expect(column.tMs[i]!).toBeGreaterThan(column.tMs[i - 1]!);
  });

  it('ignores a replayed sample older than the newest it holds', () => {
    const buffer = new LiveBuffer();
    expect(buffer.append({ tMs: 10, values: { x: 1 } })).toBe(true);
    expect(buffer.append({ tMs: 10, values: { x: 2 } })).toBe(false);
    buffer.seed(new Map([['x', { tMs: [0, 5, 10], values: [7, 8, 9], length: 3 }]]));
    expect(buffer.sampleCount).toBe(1);
  });
});

describe('spans under the cursor', () => {
  it("opens a phase on its start event and closes it with the engine's span", () => {
    let phases = applyPhaseEvent([], { sessionId: 's', phase: 'runs', state: 'start', atMs: 100, span: null });
    expect(phases).toEqual([{ name: 'runs', startMs: 100, endMs: 100, open: true }]);
    expect(mergePhases([], phases, 900)[0]!.endMs).toBe(900);
    phases = applyPhaseEvent(phases, {
      sessionId: 's',
      phase: 'runs',
      state: 'end',
      atMs: 1000,
      span: { name: 'runs', startMs: 101, durationMs: 899 },
    });
    expect(phases).toEqual([{ name: 'runs', startMs: 101, endMs: 1000, open: false }]);
  });

  it('names the innermost phase and the finest segment at a time', () => {
    const phases = [
      { name: 'generate', startMs: 0, endMs: 1000, open: false },
      { name: 'prefill', startMs: 10, endMs: 20, open: false },
    ];
    expect(phaseAt(phases, 15)?.name).toBe('prefill');
    expect(phaseAt(phases, 500)?.name).toBe('generate');
    expect(phaseAt(phases, 2000)).toBeNull();
    const segments = [
      { startMs: 0, endMs: 1000, label: 'compute' as const },
      { startMs: 400, endMs: 401, label: 'memory-bandwidth' as const },
    ];
    expect(segmentAt(segments, 400.5)?.label).toBe('memory-bandwidth');
    expect(segmentAt(segments, 600)?.label).toBe('compute');
  });

  it('hits the op under the cursor, and a sub-pixel op within the slop', () => {
    const op = (name: string, startMs: number, durationMs: number): OpEvent => ({
      run: 0,
      name,
      opType: 'MatMul',
      provider: 'CPUExecutionProvider',
      startMs,
      durationMs,
      inputShapes: [],
      outputShapes: [],
    });
    const ops = sortOps([op('b', 5, 0.01), op('a', 0, 3), op('c', 10, 2)]);
    expect(opAt(ops, 1, 0)?.name).toBe('a');
    expect(opAt(ops, 5.05, 0.1)?.name).toBe('b');
    expect(opAt(ops, 7, 0.1)).toBeNull();
  });

  it('spans the session from its first sample or phase to its last', () => {
    expect(sessionSpan({ fromMs: 20, toMs: 900 }, [{ name: 'read', startMs: 5, endMs: 50, open: false }])).toEqual({
      fromMs: 5,
      toMs: 900,
    });
    expect(sessionSpan(null, [])).toBeNull();
  });
});

describe('the hover readout', () => {
  it('lists each series at the nearest sample and the cores as their mean and busiest', () => {
    const tracks = buildTracks(sampled);
    const data = dataset([0, 100], {
      'cpu.2.busyPct': [
        [0, 20, 40],
        [10, 30, 50],
      ],
      'cpu.10.busyPct': [
        [0, 20, 40],
        [90, 70, 20],
      ],
      'proc.rssBytes': [
        [0, 20, 40],
        [1e6, 2e6, 3e6],
      ],
    });
    const rows = readout(tracks, data, 22);
    expect(rows[0]!.rows.slice(0, 2).map((r) => r.text)).toEqual(['50 %', 'CPU 1: 70 %']);
    expect(rows.find((r) => r.group === 'process')!.rows.find((r) => r.label === 'proc.rssBytes')!.text).toBe(
      '2.00 MB',
    );
    expect(rows.find((r) => r.group === 'memory')!.rows[0]!.text).toBe('n/a');
  });
});

describe('coalesced requests', () => {
  it('keeps one request in flight and only the newest waiting', async () => {
    const asked: number[] = [];
    const answered: number[] = [];
    const resolvers: Array<() => void> = [];
    const latest = new LatestOnly<number, number>(
      (n) => {
        asked.push(n);
        return new Promise((resolve) => resolvers.push(() => resolve(n)));
      },
      (n) => answered.push(n),
      () => {},
    );
    for (const n of [1, 2, 3, 4]) latest.request(n);
    expect(asked).toEqual([1]);
    resolvers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([1, 4]);
    resolvers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(answered).toEqual([1, 4]);
  });
});
