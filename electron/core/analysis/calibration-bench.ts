/**
 * The ONNX Runtime micro-benchmarks of a calibration: fp32 GEMM per intra-op thread
 * count and streaming elementwise bandwidth. Runs in the calibration worker only.
 *
 * Each model repeats its op CHAIN times and hands back little to JS, so what every run
 * pays once (JS↔native marshalling, copying outputs into JS memory) stays small. Measured
 * here: one 64 MB Add took 61 ms as a one-op model but 15 ms per further Add in a chain,
 * the rest being the copy of its 64 MB output. Timing chains of two lengths and taking
 * the difference cancels that too, but subtracts two noisy medians: on this shared 2-core
 * VM it once gave 5 TFLOP/s for 2 threads, so it is not used.
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { int } from '../../../models/builder/attributes.js';
import { constant } from '../../../models/builder/tensors.js';
import { encodeModel } from '../models/onnx-proto.js';
import type { GemmMeasurement } from './calibration-protocol.js';

/** Ops per model: the MatMul output copy (4 MB at 1024²) is then ~2 % of a run. */
export const CHAIN = 4;

export interface Repetitions {
  warmup: number;
  measured: number;
}

/** Called once per timed or warm-up run, with the step it belongs to. */
export type Tick = (step: string) => void;

/** Ticks one measurement makes: one per run, warm-up included. */
export const runsPerMeasurement = (reps: Repetitions) => reps.warmup + reps.measured;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function createSession(model: Uint8Array, threads: number): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
}

async function timeRunMs(session: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType): Promise<number> {
  const start = process.hrtime.bigint();
  await session.run(feeds);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median run time after warm-up; the session is released before returning. */
async function medianRunMs(
  model: Uint8Array,
  threads: number,
  feeds: ort.InferenceSession.FeedsType,
  reps: Repetitions,
  tick: () => void,
): Promise<number> {
  // One session at a time: an idle session's spinning thread pool would steal cores.
  const session = await createSession(model, threads);
  try {
    for (let i = 0; i < reps.warmup; i++) {
      await timeRunMs(session, feeds);
      tick();
    }
    const times: number[] = [];
    for (let i = 0; i < reps.measured; i++) {
      times.push(await timeRunMs(session, feeds));
      tick();
    }
    return median(times);
  } finally {
    await session.release();
  }
}

/** x·W repeated `chain` times; W = 1/n keeps every value at 1 (no overflow, no denormals). */
export function gemmModel(n: number, chain: number): Uint8Array {
  const g = new GraphBuilder('calibration-gemm', 1);
  let x = g.input('x', 'float32', [n, n]);
  const w = g.weight('w', [n, n], constant(1 / n));
  for (let i = 0; i < chain; i++) x = g.op('MatMul', [x, w]);
  g.output(x, 'y', 'float32', [n, n]);
  return encodeModel(g.toModel());
}

/**
 * x + y repeated `chain` times over `elements` floats, then ReduceMax to a scalar so no
 * large output is copied to JS. Moves (3·chain + 1)·elements floats per run.
 */
export function streamModel(elements: number, chain: number): Uint8Array {
  const g = new GraphBuilder('calibration-stream', 1);
  let x = g.input('x', 'float32', [elements]);
  const y = g.input('y', 'float32', [elements]);
  for (let i = 0; i < chain; i++) x = g.op('Add', [x, y]);
  g.output(g.op('ReduceMax', [x], { keepdims: int(0) }), 'z', 'float32', []);
  return encodeModel(g.toModel());
}

const filled = (elements: number, value: number, dims: number[]) =>
  new ort.Tensor('float32', new Float32Array(elements).fill(value), dims);

export interface GemmSizing {
  /** Starting M = N = K. */
  size: number;
  /** Grow the size (×2, up to maxSize) until one MatMul takes at least this long. */
  minOpMs: number;
  maxSize: number;
}

/** Picks a size at which one MatMul is long enough to be compute-bound and timeable. */
async function gemmSize(threads: number, sizing: GemmSizing): Promise<number> {
  let n = sizing.size;
  while (n < sizing.maxSize && sizing.minOpMs > 0) {
    const probeMs = await medianRunMs(gemmModel(n, 1), threads, { x: filled(n * n, 1, [n, n]) }, probeReps, noop);
    if (probeMs >= sizing.minOpMs) break;
    n *= 2;
  }
  return n;
}

const probeReps: Repetitions = { warmup: 1, measured: 1 };
const noop = () => {};

export async function measureGemm(
  threads: number,
  sizing: GemmSizing,
  reps: Repetitions,
  tick: Tick,
): Promise<GemmMeasurement> {
  const n = await gemmSize(threads, sizing);
  const step = `GEMM ${n}×${n}, ${threads} thread${threads === 1 ? '' : 's'}`;
  const feeds = { x: filled(n * n, 1, [n, n]) };
  const opMs = (await medianRunMs(gemmModel(n, CHAIN), threads, feeds, reps, () => tick(step))) / CHAIN;
  return { threads, flopsPerSec: (2 * n ** 3) / (opMs / 1000), size: n, opMs };
}

/** Bytes per second a chain of elementwise Adds moves: two tensors read, one written per Add. */
export async function measureBandwidth(
  tensorBytes: number,
  threads: number,
  reps: Repetitions,
  tick: Tick,
): Promise<number> {
  const elements = Math.floor(tensorBytes / 4);
  const step = `memory bandwidth, ${Math.round(tensorBytes / 2 ** 20)} MiB tensors`;
  const feeds = { x: filled(elements, 1, [elements]), y: filled(elements, 0.5, [elements]) };
  const runMs = await medianRunMs(streamModel(elements, CHAIN), threads, feeds, reps, () => tick(step));
  return ((3 * CHAIN + 1) * elements * 4) / (runMs / 1000);
}
