/**
 * The verdict in words, the same in the app's Bottlenecks screen and in the HTML report:
 * what holds the measured runs back, how each metric is named, the order of phases.
 */
import type { Bottleneck, BottleneckLabel } from './analysis.js';

export const HOLDS_BACK: Record<BottleneckLabel, string> = {
  compute: 'compute: the cores are busy doing arithmetic',
  'memory-bandwidth': 'memory bandwidth: the cores wait for data from RAM',
  'memory-capacity': 'memory capacity: the working set does not fit and the system pages',
  storage: 'storage: reading from disk is the slow part',
  communication: 'data movement: copies between JavaScript, ONNX Runtime and devices',
  underutilised: 'nothing in the hardware: the machine is underused (too few threads or too little work per run)',
};

const METRIC_TEXT: Record<string, string> = {
  latencyP50Ms: 'p50 latency',
  loadMs: 'load time',
  createMs: 'session creation',
  ttftMs: 'TTFT',
  tpotMs: 'TPOT',
  throughputPerSec: 'throughput',
  outputTokensPerSec: 'output tokens/s',
  itemsPerSec: 'items/s',
  peakRssBytes: 'peak memory',
};

export const metricText = (metric: string) => METRIC_TEXT[metric] ?? metric;

/** The verdict that speaks for steady-state inference: the measured runs, else decode, else prefill. */
export function dominant(bottlenecks: Bottleneck[]): Bottleneck | null {
  for (const phase of ['runs', 'decode', 'prefill']) {
    const hit = bottlenecks.find((b) => b.phase === phase);
    if (hit) return hit;
  }
  return null;
}

export function headline(b: Bottleneck): string {
  const what = b.phase === 'runs' ? 'The measured runs are' : `The ${b.phase} phase is`;
  return `${what} held back by ${HOLDS_BACK[b.label]}.`;
}

const PHASE_ORDER = ['spawn', 'read', 'create', 'warmup', 'runs', 'sweep', 'generate', 'prefill', 'decode'];

/** Phases in timeline order, then op groups by confidence. */
export function ordered(bottlenecks: Bottleneck[]): { phases: Bottleneck[]; ops: Bottleneck[] } {
  const rank = (b: Bottleneck) => {
    const index = PHASE_ORDER.indexOf(b.phase);
    return index < 0 ? PHASE_ORDER.length : index;
  };
  return {
    phases: bottlenecks.filter((b) => !b.phase.startsWith('op:')).sort((a, b) => rank(a) - rank(b)),
    ops: bottlenecks.filter((b) => b.phase.startsWith('op:')).sort((a, b) => b.confidence - a.confidence),
  };
}
