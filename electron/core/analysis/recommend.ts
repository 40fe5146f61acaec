/**
 * Ranked recommendations. Each gain comes from a projection (whatif.ts) or from a
 * measured share of time (marshalling outside ONNX Runtime), never from a constant, and
 * carries the assumption it rests on.
 */
import type { Bottleneck, Recommendation } from '../../shared/analysis.js';
import type { ProfileResult } from '../../shared/session.js';
import { projectBatch, WEIGHT_INPUTS } from './batch.js';
import { opCost } from './cost-model.js';
import { project, type TargetSpec, type WhatIfInput } from './whatif.js';

const gainPct = (before: number | null, after: number | null) =>
  before && after !== null && before > 0 ? ((before - after) / before) * 100 : 0;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
/** Below this a recommendation is noise on a shared machine. */
const MIN_GAIN_PCT = 5;
/** A faster disk is only worth recommending when it saves a noticeable wait. */
const MIN_LOAD_SAVING_MS = 100;

export function recommend(input: WhatIfInput, phases: Bottleneck[], targets: TargetSpec[]): Recommendation[] {
  const { result, profile } = input;
  const out: Recommendation[] = [];
  const p50 = result.latencyMs?.p50 ?? null;
  const runs = phases.find((b) => b.phase === 'runs');
  const cores = Math.max(1, result.machine.physicalCores);

  if (input.threads < cores) {
    const projection = project(input, {
      id: 'this-machine',
      name: 'this machine',
      kind: 'this-machine',
      threads: cores,
    });
    out.push({
      title: `Use all ${cores} cores (--threads ${cores}): p50 ${ms(p50 ?? 0)} → ${ms(projection.latencyP50Ms ?? 0)}`,
      label: 'underutilised',
      kind: 'software',
      estimatedGainPct: gainPct(p50, projection.latencyP50Ms),
      metric: 'latencyP50Ms',
      assumption: projection.assumptions.join('; '),
    });
  }

  const marshal = marshalShare(result);
  if (marshal !== null && marshal * 100 >= MIN_GAIN_PCT) {
    out.push({
      title: `Cut tensor copies between JavaScript and ONNX Runtime (${(marshal * 100).toFixed(0)} % of each run): reuse output buffers, keep inputs small`,
      label: 'communication',
      kind: 'software',
      estimatedGainPct: marshal * 100,
      metric: 'latencyP50Ms',
      assumption:
        "the time run() spends outside ONNX Runtime's own model_run is marshalling that pre-allocated, reused buffers avoid",
    });
  }

  const coldMs = coldLoadMs(result, profile.diskReadMBps);
  for (const disk of targets.filter((t) => t.kind === 'disk' && t.seqReadMBps)) {
    if (coldMs === null) break;
    const projection = project(input, disk);
    // Shaving milliseconds off a small model's load is not worth new hardware.
    if (coldMs - (projection.loadMs ?? coldMs) < MIN_LOAD_SAVING_MS) continue;
    out.push({
      title: `${disk.name} would cut a cold load from ${ms(coldMs)} to ${ms(projection.loadMs ?? 0)}`,
      label: 'storage',
      kind: 'hardware',
      estimatedGainPct: gainPct(coldMs, projection.loadMs),
      metric: 'loadMs',
      assumption: `this machine reads cold at ${profile.diskReadMBps?.toFixed(0)} MB/s (calibrated); ${projection.assumptions.join('; ')}`,
    });
  }

  const computeTargets = targets.filter(
    (t) => t.kind === 'cpu' || t.kind === 'apple-silicon' || t.kind === 'gpu' || t.kind === 'memory',
  );
  const decodeLabel = phases.find((b) => b.phase === 'decode')?.label;
  for (const target of computeTargets) {
    const projection = project(input, target);
    if (projection.fitsInMemory === false) continue;
    const label =
      target.kind === 'memory'
        ? 'memory-bandwidth'
        : runs?.label === 'memory-bandwidth'
          ? 'memory-bandwidth'
          : 'compute';
    const llm = result.llm;
    if (projection.llm && llm?.tpotMs) {
      // For a language model the numbers people compare are tokens/s and time to first token.
      const now = (llm.batch * 1000) / llm.tpotMs.mean;
      out.push({
        title: `${target.name} would decode at ${projection.llm.outputTokensPerSec.toFixed(0)} tokens/s (now ${now.toFixed(0)}), TTFT ${ms(llm.ttftMs.mean)} → ${ms(projection.llm.ttftMs)}`,
        label: decodeLabel ?? label,
        kind: 'hardware',
        estimatedGainPct: ((projection.llm.outputTokensPerSec - now) / now) * 100,
        metric: 'outputTokensPerSec',
        assumption: projection.assumptions.join('; '),
      });
      continue;
    }
    out.push({
      title: `${target.name} would run it at p50 ${ms(projection.latencyP50Ms ?? 0)} (now ${ms(p50 ?? 0)})`,
      label,
      kind: 'hardware',
      estimatedGainPct: gainPct(p50, projection.latencyP50Ms),
      metric: 'latencyP50Ms',
      assumption: projection.assumptions.join('; '),
    });
  }

  const batchRec = batchRecommendation(input);
  if (batchRec) out.push(batchRec);
  out.push(...llmRecommendations(input));
  const int8 = int8WeightsRecommendation(input);
  if (int8) out.push(int8);

  const memory = phases.find((b) => b.label === 'memory-capacity');
  if (memory && result.peakRssBytes) {
    const weights = result.model.parameterBytes;
    const saved = weights * 0.75;
    out.push({
      title: `int8 weights would shrink peak memory by about ${(saved / 1e6).toFixed(0)} MB of ${(result.peakRssBytes / 1e6).toFixed(0)} MB`,
      label: 'memory-capacity',
      kind: 'software',
      estimatedGainPct: (saved / result.peakRssBytes) * 100,
      metric: 'peakRssBytes',
      assumption: `${INT8_ESTIMATE}: fp32 weights (${(weights / 1e6).toFixed(0)} MB) take a quarter of the space as int8; activations unchanged`,
    });
  }
  return out.filter((r) => r.estimatedGainPct >= MIN_GAIN_PCT).sort((a, b) => b.estimatedGainPct - a.estimatedGainPct);
}

/**
 * Twice the batch, projected op by op (batch.ts): worth it when throughput in items/s
 * grows, i.e. when ops stream weights that a bigger batch reuses.
 */
function batchRecommendation(input: WhatIfInput): Recommendation | null {
  const { result, runEvents } = input;
  const batch = result.dims.find((d) => /batch/i.test(d.name));
  const p50 = result.latencyMs?.p50;
  if (!batch || batch.value < 1 || !p50 || runEvents.length === 0) return null;
  const projection = projectBatch(runEvents, 2, input.profile, input.threads);
  if (projection.unknownOps > 0) return null;
  const outside = Math.max(0, p50 - projection.measuredKernelMs);
  const latency2 = projection.kernelMs + outside * 2;
  const itemsNow = (batch.value * 1000) / p50;
  const items2 = (batch.value * 2 * 1000) / latency2;
  return {
    title: `Batch ${batch.value * 2} instead of ${batch.value}: ${itemsNow.toFixed(0)} → ${items2.toFixed(0)} items/s, p50 ${ms(p50)} → ${ms(latency2)}`,
    label: 'compute',
    kind: 'software',
    estimatedGainPct: ((items2 - itemsNow) / itemsNow) * 100,
    metric: 'itemsPerSec',
    assumption:
      'each op scales by its roofline time at the doubled batch (activations double, weights stay); time outside kernels doubles with the tensors marshalled',
  };
}

/** How the int8 estimates' assumptions begin, so that a measured int8 result can replace them. */
const INT8_ESTIMATE = 'estimated, not measured';

/** True for this module's int8 estimates: a compression experiment that measured int8 supersedes them. */
export function isInt8Estimate(recommendation: Recommendation): boolean {
  return recommendation.kind === 'software' && recommendation.assumption.startsWith(`${INT8_ESTIMATE}:`);
}

/**
 * int8 weights for memory-bound ops: their weight inputs shrink to a quarter, so the
 * bytes they stream — and, at their measured bandwidth, their time — shrink with them.
 */
/** Ops whose weights are int8 or int4 already (a compression variant's): nothing to shrink. */
const QUANTIZED_OPS = new Set([
  'MatMulInteger',
  'QLinearMatMul',
  'MatMulNBits',
  'DynamicQuantizeMatMul',
  'MatMulIntegerToFloat',
  'GatherBlockQuantized',
]);

function int8WeightsRecommendation(input: WhatIfInput): Recommendation | null {
  const p50 = input.result.latencyMs?.p50;
  if (!p50) return null;
  const bound = new Map(input.groups.map((g) => [g.opType, g.bound]));
  let savedMs = 0;
  for (const event of input.runEvents) {
    if (bound.get(event.opType) !== 'memory-bandwidth' || QUANTIZED_OPS.has(event.opType)) continue;
    const isWeight = WEIGHT_INPUTS[event.opType];
    const cost = opCost(event);
    const bytes = cost.bytesRead + cost.bytesWritten;
    if (!isWeight || !cost.known || bytes <= 0) continue;
    const weightBytes = event.inputShapes.reduce(
      (sum, shape, i) => (isWeight(i) ? sum + shape.reduce((a, b) => a * b, 1) * 4 : sum),
      0,
    );
    savedMs += event.durationMs * ((Math.min(weightBytes, bytes) * 0.75) / bytes);
  }
  if (savedMs <= 0) return null;
  return {
    title: `int8 weights for the memory-bound ops: p50 ${ms(p50)} → ${ms(p50 - savedMs)}`,
    label: 'memory-bandwidth',
    kind: 'software',
    estimatedGainPct: (savedMs / p50) * 100,
    metric: 'latencyP50Ms',
    assumption: `${INT8_ESTIMATE}: memory-bound ops keep their measured bandwidth and stream int8 weights (a quarter of fp32); compute and activations unchanged; accuracy not checked here`,
  };
}

/**
 * Decoding levers with numbers: a KV cache for a decoder that recomputes, and a bigger
 * batch, whose decode steps mostly re-read the same weights.
 */
function llmRecommendations(input: WhatIfInput): Recommendation[] {
  const llm = input.result.llm;
  if (!llm?.tpotMs) return [];
  const out: Recommendation[] = [];
  const tpot = llm.tpotMs.mean;
  if (!llm.kvCache) {
    // Step t processes P + t tokens without a cache and 1 with it.
    const cachedTpot = tpot / (llm.promptTokens + llm.outputTokens / 2);
    out.push({
      title: `Export the decoder with its KV cache: TPOT ${ms(tpot)} → about ${ms(cachedTpot)}`,
      label: 'compute',
      kind: 'software',
      estimatedGainPct: ((tpot - cachedTpot) / tpot) * 100,
      metric: 'tpotMs',
      assumption: `a decode step's time is proportional to the tokens it processes (P + t without a cache, 1 with it); a lower bound that ignores per-run overhead`,
    });
  }
  if (input.decodeEvents.length > 0) {
    const step = projectBatch(input.decodeEvents, 2, input.profile, input.threads);
    const outside = Math.max(0, tpot - step.measuredKernelMs);
    const tpot2 = step.kernelMs + outside * 2;
    const now = (llm.batch * 1000) / tpot;
    const then = (llm.batch * 2 * 1000) / tpot2;
    out.push({
      title: `Batch ${llm.batch * 2} sequences instead of ${llm.batch}: decode ${now.toFixed(0)} → ${then.toFixed(0)} tokens/s (TPOT ${ms(tpot)} → ${ms(tpot2)}); KV cache ${llm.kvCacheBytesAtEnd === null ? 'n/a' : `${((llm.kvCacheBytesAtEnd * 2) / 1e6).toFixed(1)} MB`} at the end`,
      label: 'memory-bandwidth',
      kind: 'software',
      estimatedGainPct: ((then - now) / now) * 100,
      metric: 'outputTokensPerSec',
      assumption:
        'decode ops scale by their roofline time at twice the batch (weights read once for all sequences, activations and cache per sequence)',
    });
  }
  return out;
}

/** Mean share of run() spent outside ONNX Runtime's model_run, over profiled measured runs. */
export function marshalShare(result: ProfileResult): number | null {
  const runs = result.runs.filter((r) => !r.warmup && r.ortMs !== null && r.durationMs > 0);
  if (runs.length === 0) return null;
  return runs.reduce((s, r) => s + (r.durationMs - r.ortMs!) / r.durationMs, 0) / runs.length;
}

/**
 * A cold load here: measured when the session loaded cold; else the slower of the warm
 * load (copy out of the page cache plus the new buffer's page faults, paid cold too) and
 * the file at the calibrated disk rate: kernel readahead overlaps the two (measured on
 * mlp-large: warm 190 ms, disk 176 ms, cold 201–227 ms).
 */
export function coldLoadMs(result: ProfileResult, diskReadMBps: number | null): number | null {
  const read = result.disk.loadReadBytes;
  if (read !== null && read >= result.model.sizeBytes * 0.9 && result.loadMs !== null) return result.loadMs;
  if (!diskReadMBps) return null;
  return Math.max(result.loadMs ?? 0, (result.model.sizeBytes / 1e6 / diskReadMBps) * 1000);
}
