/**
 * Batch projection: the same model at k times the batch, on this machine. Each op's
 * shapes are rescaled (activations along their first axis, weights unchanged), its cost
 * recomputed, and its measured time scaled by the ratio of its roofline times at the
 * two batches — so an op that streams its weights keeps most of its time while one
 * bound by activation FLOPs grows k-fold.
 */
import type { MachineProfile } from '../../shared/analysis.js';
import type { OpEvent } from '../../shared/session.js';
import { opCost } from './cost-model.js';
import { gemmFlopsAt, rooflineTimes } from './roofline.js';

/** Inputs that hold weights or parameters rather than activations, by op type. */
export const WEIGHT_INPUTS: Record<string, (index: number) => boolean> = {
  MatMul: (i) => i >= 1,
  FusedMatMul: (i) => i >= 1,
  Gemm: (i) => i >= 1,
  FusedGemm: (i) => i >= 1,
  MatMulInteger: (i) => i >= 1,
  MatMulNBits: (i) => i >= 1,
  DynamicQuantizeMatMul: (i) => i >= 1,
  MatMulIntegerToFloat: (i) => i >= 1,
  Conv: (i) => i >= 1,
  FusedConv: (i) => i >= 1,
  ConvTranspose: (i) => i >= 1,
  Gather: (i) => i === 0,
  GatherBlockQuantized: (i) => i !== 1,
  BatchNormalization: (i) => i >= 1,
  LayerNormalization: (i) => i >= 1,
  SkipLayerNormalization: (i) => i >= 2,
};

/** The event as it would run with k times the batch (first axis of activations). */
export function scaleBatch(event: OpEvent, k: number): OpEvent {
  const isWeight = WEIGHT_INPUTS[event.opType] ?? (() => false);
  // Gather's output batch follows its indices, whose first axis is the batch.
  const scale = (shape: number[]) =>
    shape.length === 0 ? shape : [Math.round((shape[0] ?? 1) * k), ...shape.slice(1)];
  return {
    ...event,
    inputShapes: event.inputShapes.map((shape, i) => (isWeight(i) ? shape : scale(shape))),
    outputShapes: event.outputShapes.map(scale),
  };
}

export interface BatchProjection {
  /** Projected kernel time per run at k × batch, and the measured one at batch. */
  kernelMs: number;
  measuredKernelMs: number;
  unknownOps: number;
}

/** Scales each op of one measured run by its roofline ratio; unknown ops scale by k. */
export function projectBatch(events: OpEvent[], k: number, profile: MachineProfile, threads: number): BatchProjection {
  const flopsPerSec = gemmFlopsAt(profile, threads);
  const bandwidth = profile.memoryBandwidthBytesPerSec;
  let kernelMs = 0;
  let measuredKernelMs = 0;
  let unknownOps = 0;
  for (const event of events) {
    const before = opCost(event);
    const after = opCost(scaleBatch(event, k));
    measuredKernelMs += event.durationMs;
    if (!before.known || !after.known) {
      unknownOps++;
      kernelMs += event.durationMs * k;
      continue;
    }
    const roofBefore = roofMs(rooflineTimes(before, flopsPerSec, bandwidth));
    const roofAfter = roofMs(rooflineTimes(after, flopsPerSec, bandwidth));
    kernelMs += roofBefore > 0 ? event.durationMs * (roofAfter / roofBefore) : event.durationMs;
  }
  return { kernelMs, measuredKernelMs, unknownOps };
}

const roofMs = (t: { computeMs: number; memoryMs: number }) => Math.max(t.computeMs, t.memoryMs);
