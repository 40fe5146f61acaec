/**
 * What-if projections: roofline plus measurement (DESIGN.md, "What-if model"). Each op
 * group keeps its measured time on this machine and is scaled by the ratio of the
 * resource that binds it — achieved GEMM FLOP/s for compute-bound groups, streaming
 * bandwidth for memory-bound ones — between this machine and the target. Time outside
 * kernels (marshalling, scheduling) scales with single-core speed. Every projection
 * lists the assumptions it rests on.
 */
import type { MachineProfile, Projection } from '../../shared/analysis.js';
import type { TensorDtype, TensorInfo } from '../../shared/model.js';
import type { OpEvent, ProfileResult } from '../../shared/session.js';
import type { OpGroup } from './op-groups.js';
import { amdahlMs } from './amdahl.js';
import { gemmFlopsAt, threadSpeedup } from './roofline.js';

/** The figures a projection reads from a catalogue entry or a custom spec. */
export interface TargetSpec {
  id: string;
  name: string;
  kind: 'cpu' | 'apple-silicon' | 'gpu' | 'disk' | 'memory' | 'this-machine';
  cores?: number | undefined;
  peakFp32FlopsPerSec?: number | undefined;
  memoryBandwidthBytesPerSec?: number | undefined;
  memoryBytes?: number | undefined;
  pcieGBps?: number | undefined;
  seqReadMBps?: number | undefined;
  /** For `this-machine`: the intra-op thread count to project to. */
  threads?: number | undefined;
}

/**
 * STREAM-style kernels reach 70–85 % of rated DRAM bandwidth on current CPUs and GPUs
 * (McCalpin, STREAM results); the midpoint stands in for a target's achieved bandwidth.
 */
export const STREAM_SHARE = 0.8;

export interface WhatIfInput {
  result: ProfileResult;
  groups: OpGroup[];
  profile: MachineProfile;
  threads: number;
  /** This machine's estimated peak FP32 FLOP/s (cores × clock × FLOP/cycle), if known. */
  peakFlopsPerSec: number | null;
  /** The op events of one measured run, for projections that change shapes (batch). */
  runEvents: OpEvent[];
  /** LLM sessions: op groups of the prefill runs and of the decode runs. */
  prefillGroups: OpGroup[] | null;
  decodeGroups: OpGroup[] | null;
  /** The op events of one measured decode run, for batch projections of decoding. */
  decodeEvents: OpEvent[];
}

interface Split {
  computeMs: number;
  memoryMs: number;
  kernelOtherMs: number;
  outsideMs: number;
  latencyMs: number;
}

/** The measured p50 latency split by what binds each part. */
export function splitLatency(result: ProfileResult, groups: OpGroup[]): Split | null {
  return result.latencyMs ? splitOf(result.latencyMs.p50, groups) : null;
}

/** Any measured latency (p50, TTFT, TPOT) split by what binds the kernels of its runs. */
export function splitOf(latencyMs: number, groups: OpGroup[]): Split {
  const sum = (pick: (g: OpGroup) => boolean) => groups.filter(pick).reduce((s, g) => s + g.timeMs, 0);
  const kernelMs = sum(() => true);
  // Kernel times are means over runs, the latency a median: a few slow runs can push the
  // kernels past it. The split then takes the kernels' proportions at the median's size.
  const fit = kernelMs > latencyMs && kernelMs > 0 ? latencyMs / kernelMs : 1;
  const computeMs = sum((g) => g.bound === 'compute') * fit;
  const memoryMs = sum((g) => g.bound === 'memory-bandwidth') * fit;
  const kernelOtherMs = sum((g) => g.bound === null) * fit;
  const outsideMs = Math.max(0, latencyMs - computeMs - memoryMs - kernelOtherMs);
  return { computeMs, memoryMs, kernelOtherMs, outsideMs, latencyMs };
}

const DTYPE_BYTES: Partial<Record<TensorDtype, number>> = {
  float64: 8,
  int64: 8,
  uint64: 8,
  float32: 4,
  int32: 4,
  uint32: 4,
  float16: 2,
  bfloat16: 2,
  int16: 2,
  uint16: 2,
};

/** Bytes of a fed input: resolved shapes are all numbers; 1-byte types by default. */
export function tensorBytes(tensor: TensorInfo): number {
  const elements = tensor.shape.reduce<number>((product, dim) => product * (typeof dim === 'number' ? dim : 1), 1);
  return elements * (DTYPE_BYTES[tensor.dtype] ?? 1);
}

export function project(input: WhatIfInput, target: TargetSpec): Projection {
  const { result, profile } = input;
  const split = splitLatency(result, input.groups);
  const assumptions: string[] = [];
  const hereGemm = gemmFlopsAt(profile, input.threads);
  const hereCores = Math.max(1, result.machine.physicalCores);
  let computeScale = 1;
  let memoryScale = 1;
  let coreScale = 1;
  let transferMs = 0;
  let loadMs = result.loadMs;
  let createMs = result.createMs;
  let memoryBytes: number | null = null;

  const fit = result.amdahl;
  if (target.kind === 'this-machine' && fit && split) {
    // The model's own measured scaling beats the GEMM's: every part is in the fit.
    const threads = target.threads ?? input.threads;
    const scale = amdahlMs(fit, threads) / amdahlMs(fit, input.threads);
    computeScale = memoryScale = coreScale = scale;
    assumptions.push(
      `latency follows Amdahl's law fitted to this session's thread sweep (serial fraction ${(fit.serialFraction * 100).toFixed(0)} %, fit error ${fit.rmsErrorPct.toFixed(1)} %)`,
    );
  } else if (target.kind === 'this-machine') {
    const threads = target.threads ?? input.threads;
    const compute = input.groups.filter((g) => g.bound === 'compute');
    const computeNow = compute.reduce((sum, g) => sum + g.timeMs, 0);
    const computeThen = compute.reduce(
      (sum, g) => sum + g.timeMs / threadSpeedup(profile, input.threads, threads, g.flops / Math.max(1, g.nodes)),
      0,
    );
    computeScale = computeNow > 0 ? computeThen / computeNow : hereGemm / gemmFlopsAt(profile, threads);
    assumptions.push(
      `compute-bound ops scale like the calibrated GEMM of their size from ${input.threads} to ${threads} threads (${(1 / computeScale).toFixed(2)}× overall)`,
    );
    assumptions.push('memory-bound ops keep their time: the memory bus is shared by all threads');
  }
  if (target.kind === 'apple-silicon') {
    // Apple publishes no CPU FLOP/s (a catalogue peak there is the GPU's): compute stays.
    assumptions.push('compute-bound ops keep their time: Apple publishes no CPU FLOP/s to scale by');
  }
  if ((target.kind === 'cpu' || target.kind === 'gpu') && target.peakFp32FlopsPerSec) {
    if (input.peakFlopsPerSec) {
      const efficiency = hereGemm / input.peakFlopsPerSec;
      computeScale = hereGemm / (target.peakFp32FlopsPerSec * efficiency);
      assumptions.push(
        `the target reaches the same share of its peak FP32 as ONNX Runtime's GEMM reached here (${(efficiency * 100).toFixed(0)} %)`,
      );
    } else {
      assumptions.push(
        "compute-bound ops keep their time: this machine's peak FP32 is unknown, so no share of peak to carry over",
      );
    }
    if (target.cores) {
      coreScale = (input.peakFlopsPerSec ?? hereGemm) / hereCores / (target.peakFp32FlopsPerSec / target.cores);
      assumptions.push('time outside kernels and session creation scale with per-core peak FP32');
    }
  }
  if (target.memoryBandwidthBytesPerSec && target.kind !== 'this-machine' && target.kind !== 'disk') {
    memoryScale = profile.memoryBandwidthBytesPerSec / (target.memoryBandwidthBytesPerSec * STREAM_SHARE);
    assumptions.push(
      `memory-bound ops stream at ${STREAM_SHARE * 100} % of the target's rated bandwidth (STREAM-like kernels reach 70–85 %)`,
    );
  }
  if (target.memoryBytes) memoryBytes = target.memoryBytes;
  if (target.kind === 'gpu') {
    const inputBytes = result.inputs.reduce((sum, t) => sum + tensorBytes(t), 0);
    if (target.pcieGBps) {
      transferMs = (inputBytes / (target.pcieGBps * 1e9)) * 1000;
      createMs = (createMs ?? 0) + (result.model.sizeBytes / (target.pcieGBps * 1e9)) * 1000;
      assumptions.push(
        `inputs (${(inputBytes / 1e6).toFixed(2)} MB/run) and weights cross PCIe at ${target.pcieGBps} GB/s; outputs are assumed no larger than inputs`,
      );
    }
    coreScale = 1;
    assumptions.push("time outside kernels stays on this machine's CPU (JavaScript and marshalling)");
  }
  if (target.kind === 'disk' && target.seqReadMBps) {
    const diskMs = (result.model.sizeBytes / 1e6 / target.seqReadMBps) * 1000;
    // A warm load here is the copy out of the page cache and the buffer's page faults:
    // a cold load pays them too, overlapped with the disk by readahead (recommend.ts).
    const read = result.disk.loadReadBytes;
    const warmMs = read !== null && read < result.model.sizeBytes / 2 ? result.loadMs : null;
    loadMs = Math.max(diskMs, warmMs ?? 0);
    assumptions.push(
      `a cold load reads the ${(result.model.sizeBytes / 1e6).toFixed(1)} MB file sequentially at the drive's rated ${target.seqReadMBps} MB/s` +
        (warmMs === null
          ? ''
          : `, and takes no less than this machine's warm load (${warmMs.toFixed(0)} ms of copying)`),
    );
  }

  const computeMs = (split?.computeMs ?? 0) * computeScale;
  const memoryMs = (split?.memoryMs ?? 0) * memoryScale;
  const otherMs = ((split?.kernelOtherMs ?? 0) + (split?.outsideMs ?? 0)) * coreScale;
  const latencyP50Ms = split ? computeMs + memoryMs + otherMs + transferMs : null;
  const scaled = (part: Split) =>
    part.computeMs * computeScale +
    part.memoryMs * memoryScale +
    (part.kernelOtherMs + part.outsideMs) * coreScale +
    transferMs;
  const llm = result.llm;
  let llmProjection: Projection['llm'] = null;
  if (llm && input.prefillGroups && input.decodeGroups && llm.tpotMs) {
    const ttftMs = scaled(splitOf(llm.ttftMs.mean, input.prefillGroups));
    const tpotMs = scaled(splitOf(llm.tpotMs.mean, input.decodeGroups));
    llmProjection = { ttftMs, tpotMs, outputTokensPerSec: (llm.batch * 1000) / tpotMs };
    assumptions.push('TTFT scales like the prefill runs and TPOT like the decode runs, each by what binds its own ops');
  }
  const peak = result.peakRssBytes;
  return {
    targetId: target.id,
    targetName: target.name,
    loadMs,
    createMs: createMs === null ? null : target.kind === 'gpu' ? createMs : createMs * coreScale,
    latencyP50Ms,
    throughputPerSec:
      latencyP50Ms && result.throughputPerSec && split
        ? result.throughputPerSec * (split.latencyMs / latencyP50Ms)
        : null,
    peakMemoryBytes: peak,
    memoryBytes,
    fitsInMemory: memoryBytes === null || peak === null ? null : peak <= memoryBytes,
    breakdown: { computeMs, memoryMs, transferMs, otherMs },
    llm: llmProjection,
    assumptions,
  };
}
