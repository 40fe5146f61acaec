import { describe, expect, it } from 'vitest';
import type { ComparisonRow, SessionSummary } from '../../../electron/shared/api.js';
import {
  defaultPair,
  deltaTone,
  formatDelta,
  formatValue,
  timeBars,
} from '../../../renderer/src/features/compare/compare-rows.js';

const session = (sessionId: string, modelPath: string): SessionSummary => ({
  sessionId,
  status: 'complete',
  startedAt: '2026-11-29T03:55:21.244Z',
  modelPath,
  modelName: modelPath.split('/').pop() ?? modelPath,
  loadMs: 3,
  latencyP50Ms: 1,
  throughputPerSec: 400,
  peakRssBytes: 2e8,
  llm: false,
  error: null,
});

// Newest first, as listSessions returns them.
const sessions = [
  session('s4-mlp', 'models/mlp.onnx'),
  session('s3-cnn', 'models/cnn.onnx'),
  session('s2-mlp', 'models/mlp.onnx'),
  session('s1-cnn', 'models/cnn.onnx'),
];

const row = (over: Partial<ComparisonRow>): ComparisonRow => ({
  metric: 'latencyP50Ms',
  label: 'Latency p50',
  unit: 'ms',
  a: 2,
  b: 1,
  deltaPct: -50,
  better: 'b',
  ...over,
});

describe('compare rows', () => {
  it('judges the current session (B) against the previous session of the same model (A)', () => {
    expect(defaultPair(sessions, 's4-mlp')).toEqual({ a: 's2-mlp', b: 's4-mlp' });
    expect(defaultPair(sessions, 's3-cnn')).toEqual({ a: 's1-cnn', b: 's3-cnn' });
  });

  it('falls back to the newest session, and to any other model when the model ran once', () => {
    expect(defaultPair(sessions, null)).toEqual({ a: 's2-mlp', b: 's4-mlp' });
    expect(defaultPair([session('x', 'a.onnx'), session('y', 'b.onnx')], 'x')).toEqual({ a: 'y', b: 'x' });
    expect(defaultPair(sessions.slice(0, 1), null)).toEqual({ a: null, b: 's4-mlp' });
    expect(defaultPair([], 'gone')).toEqual({ a: null, b: null });
  });

  it('colours the delta by the side that wins the row', () => {
    expect(deltaTone(row({ better: 'b' }))).toBe('better');
    expect(deltaTone(row({ better: 'a' }))).toBe('worse');
    expect(deltaTone(row({ better: null }))).toBe('even');
  });

  it('prints deltas with their sign and values with their unit', () => {
    expect(formatDelta(12.345)).toBe('+12.3 %');
    expect(formatDelta(-4)).toBe('−4.0 %');
    expect(formatDelta(null)).toBe('n/a');
    expect(formatValue('bytes', 2.5e8)).toBe('250.0 MB');
    expect(formatValue('tokensPerSec', 441.9)).toBe('442 tok/s');
    expect(formatValue('perSec', null)).toBe('n/a');
  });

  it('splits the time rows into startup and per-inference charts and leaves other units out', () => {
    const bars = timeBars([
      row({ metric: 'loadMs', label: 'Model read' }),
      row({ metric: 'latencyP50Ms', label: 'Latency p50' }),
      row({ metric: 'throughputPerSec', label: 'Throughput', unit: 'perSec' }),
    ]);
    expect(bars.startup.map((b) => b.label)).toEqual(['Model read']);
    expect(bars.perInference.map((b) => b.label)).toEqual(['Latency p50']);
  });
});
