/**
 * Labels each phase and op group of a session with the resource that holds it back,
 * with the numbers that triggered the label (DESIGN.md, "The four bottleneck classes").
 * Rules are checked from the most specific evidence to the most general: running out of
 * memory or paying for transfers explains a slow run before roofline placement does.
 */
import type { Bottleneck, MachineProfile } from '../../shared/analysis.js';
import type { Sample } from '../../shared/sample.js';
import type { Phase, ProfileResult } from '../../shared/session.js';
import type { OpGroup } from './op-groups.js';
import { samplesIn, seriesMean } from '../recording/stats.js';
import { gemmFlopsAt, machineBalance } from './roofline.js';

export interface ClassifyInput {
  result: ProfileResult;
  samples: Sample[];
  groups: OpGroup[];
  profile: MachineProfile | null;
  threads: number;
}

const MB = 1e6;
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const fmt = (x: number, digits = 1) => x.toFixed(digits);

/** Communication: JS↔native marshalling above this share of run() is worth a label. */
const MARSHAL_SHARE = 0.25;
/** Underutilised: the worker used less than this share of the cores ORT was given. */
const IDLE_SHARE = 0.6;
/** Other processes using this share of all cores (in %) make a slow worker contended. */
const CONTENDED_PCT = 25;

export function classifyPhases(input: ClassifyInput): Bottleneck[] {
  const { result } = input;
  const out: Bottleneck[] = [];
  for (const phase of result.phases) {
    if (phase.name === 'read') out.push(classifyRead(result, input.profile));
    else if (phase.name === 'create') out.push(classifyCreate(result, window(input.samples, phase)));
    else if (phase.name === 'warmup') out.push(classifyWarmup(input, phase));
    else if (phase.name !== 'sweep' && phase.name !== 'spawn') out.push(classifyRuns(input, phase));
  }
  const outOfMemory = outOfMemoryVerdict(result);
  if (outOfMemory) out.push(outOfMemory);
  return out;
}

/**
 * A worker stopped at the memory cap (or refused by ORT's allocator) died in the phase
 * after the last one it finished: that phase is held back by memory capacity, whatever
 * else its samples say.
 */
function outOfMemoryVerdict(result: ClassifyInput['result']): Bottleneck | null {
  if (result.error?.kind !== 'out-of-memory') return null;
  const finished = new Set(result.phases.map((p) => p.name));
  const phase = (['read', 'create', 'warmup', 'runs'] as const).find((name) => !finished.has(name)) ?? 'runs';
  return { phase, label: 'memory-capacity', confidence: 0.95, evidence: [result.error.message] };
}

/**
 * Warm-up runs execute the same kernels as the measured ones, so they share their
 * verdict; what sets them apart is the first run's one-time cost (memory arenas, kernel
 * selection, pre-packing on first use), which is what the evidence reports.
 */
function classifyWarmup(input: ClassifyInput, phase: Phase): Bottleneck {
  const verdict = classifyRuns(input, phase);
  const first = input.result.firstRunMs;
  const p50 = input.result.latencyMs?.p50;
  if (first === null || !p50) return verdict;
  const evidence = `first run ${fmt(first, 2)} ms = ${fmt(first / p50, 1)}× the measured p50 (${fmt(p50, 2)} ms): one-time allocation and kernel setup`;
  return { ...verdict, confidence: verdict.confidence * 0.8, evidence: [evidence, ...verdict.evidence] };
}

export function classifyOpGroups(groups: OpGroup[], profile: MachineProfile | null, threads: number): Bottleneck[] {
  if (!profile) return [];
  const total = groups.reduce((sum, g) => sum + g.timeMs, 0);
  const balance = machineBalance(profile, threads);
  const gemm = gemmFlopsAt(profile, threads);
  return groups
    .filter((g) => g.bound !== null && g.timeMs >= total * 0.05)
    .map((g) => {
      const share = `${pct(g.timeMs / total)} of kernel time`;
      const evidence =
        g.bound === 'compute'
          ? `${g.opType}: ${fmt(g.flops / 1e9, 2)} GFLOP per run in ${fmt(g.timeMs, 2)} ms = ${fmt(g.flops / g.timeMs / 1e6, 1)} GFLOP/s, ${pct(g.roofShare ?? 0)} of calibrated GEMM (${fmt(gemm / 1e9, 1)} GFLOP/s at ${threads} threads); ${share}`
          : `${g.opType}: moves ${fmt(g.bytes / MB, 1)} MB per run in ${fmt(g.timeMs, 2)} ms = ${fmt(g.bytes / g.timeMs / 1e6, 2)} GB/s, ${pct(g.roofShare ?? 0)} of measured bandwidth (${fmt(profile.memoryBandwidthBytesPerSec / 1e9, 1)} GB/s); ${share}`;
      const ratio = Math.abs(Math.log10(Math.max(g.intensity, 1e-6) / balance));
      return {
        phase: `op:${g.opType}`,
        label: g.bound!,
        confidence: Math.min(0.95, 0.5 + 0.25 * ratio),
        evidence: [evidence, `intensity ${fmt(g.intensity, 1)} FLOP/B vs machine balance ${fmt(balance, 1)} FLOP/B`],
      };
    });
}

function classifyRead(result: ProfileResult, profile: MachineProfile | null): Bottleneck {
  const bytes = result.disk.loadReadBytes;
  const size = result.model.sizeBytes;
  const ms = result.loadMs ?? 0;
  if (bytes !== null && size > 0 && bytes >= size * 0.5) {
    const rate = bytes / MB / (ms / 1000);
    const evidence = [`load read ${fmt(bytes / MB)} MB from disk in ${fmt(ms)} ms at ${fmt(rate, 0)} MB/s`];
    let confidence = 0.7;
    if (profile?.diskReadMBps) {
      const share = rate / profile.diskReadMBps;
      evidence.push(`${pct(share)} of the measured disk read rate (${fmt(profile.diskReadMBps, 0)} MB/s)`);
      confidence = share >= 0.5 ? 0.9 : 0.7;
    }
    return { phase: 'read', label: 'storage', confidence, evidence };
  }
  const fromCache = size - (bytes ?? 0);
  return {
    phase: 'read',
    label: 'memory-bandwidth',
    confidence: bytes === null ? 0.4 : 0.6,
    evidence: [
      bytes === null
        ? `${fmt(size / MB)} MB read in ${fmt(ms)} ms; bytes from disk unknown on this OS`
        : `${fmt(fromCache / MB)} MB came from the page cache (${fmt(bytes / MB)} MB from disk): the read is a memory copy, ${fmt(ms)} ms`,
    ],
  };
}

function classifyCreate(result: ProfileResult, samples: Sample[]): Bottleneck {
  const capacity = capacityEvidence(samples, result);
  if (capacity.length > 0) return { phase: 'create', label: 'memory-capacity', confidence: 0.8, evidence: capacity };
  const cpu = seriesMean(samples, 'proc.cpuPct');
  return {
    phase: 'create',
    label: 'compute',
    confidence: cpu === null ? 0.4 : 0.6,
    evidence: [
      `session creation took ${fmt(result.createMs ?? 0)} ms` +
        (cpu === null ? '' : ` with the worker at ${fmt(cpu, 0)} % CPU`) +
        ' (graph optimisation and weight pre-packing run mostly on one core)',
    ],
  };
}

function classifyRuns(input: ClassifyInput, phase: Phase): Bottleneck {
  const { result, groups, profile, threads } = input;
  const samples = window(input.samples, phase);
  const capacity = capacityEvidence(samples, result);
  if (capacity.length > 0) return { phase: phase.name, label: 'memory-capacity', confidence: 0.85, evidence: capacity };

  const runs = result.runs.filter((r) => r.warmup === (phase.name === 'warmup') && r.ortMs !== null);
  const marshal =
    runs.length > 0 ? runs.reduce((s, r) => s + (r.durationMs - r.ortMs!) / r.durationMs, 0) / runs.length : 0;
  if (marshal >= MARSHAL_SHARE) {
    const wall = runs.reduce((s, r) => s + r.durationMs, 0) / runs.length;
    return {
      phase: phase.name,
      label: 'communication',
      confidence: Math.min(0.95, 0.5 + marshal),
      evidence: [
        `run() took ${fmt(wall, 2)} ms on average, ${pct(marshal)} of it outside ONNX Runtime's model_run: copying tensors between JavaScript and native memory`,
      ],
    };
  }

  const kernelMs = groups.reduce((s, g) => s + g.timeMs, 0);
  const copyMs = groups.filter((g) => g.opType.startsWith('Memcpy')).reduce((s, g) => s + g.timeMs, 0);
  if (kernelMs > 0 && copyMs / kernelMs >= MARSHAL_SHARE) {
    return {
      phase: phase.name,
      label: 'communication',
      confidence: Math.min(0.95, 0.5 + copyMs / kernelMs),
      evidence: [
        `host↔device copies (Memcpy nodes) take ${fmt(copyMs, 2)} ms of ${fmt(kernelMs, 2)} ms kernel time per run`,
      ],
    };
  }
  const compute = groups.filter((g) => g.bound === 'compute').reduce((s, g) => s + g.timeMs, 0);
  const memory = groups.filter((g) => g.bound === 'memory-bandwidth').reduce((s, g) => s + g.timeMs, 0);
  const worker = seriesMean(samples, 'proc.cpuPct');
  const cores = Math.max(1, result.machine.physicalCores);
  const idle: string[] = [];
  if (threads < cores) idle.push(`ONNX Runtime used ${threads} of ${cores} physical cores`);
  const machineBusy = seriesMean(samples, 'cpu.total.busyPct');
  const logical = Math.max(1, result.machine.logicalCores);
  // Cores busy with other processes are contention, not idle capacity ORT left unused.
  const othersPct = worker !== null && machineBusy !== null ? Math.max(0, machineBusy - worker / logical) : null;
  const contended = othersPct !== null && othersPct >= CONTENDED_PCT;
  if (worker !== null && worker < IDLE_SHARE * threads * 100 && !contended) {
    idle.push(
      `the worker averaged ${fmt(worker, 0)} % CPU where ${threads} busy threads would show ${threads * 100} %: serial ops or gaps between runs`,
    );
  }
  if (compute + memory === 0) {
    const evidence = profile
      ? ['no op profile to place on the roofline']
      : ['no machine profile: run `modeldyno calibrate` for roofline placement'];
    if (idle.length > 0) return { phase: phase.name, label: 'underutilised', confidence: 0.6, evidence: idle };
    return { phase: phase.name, label: 'compute', confidence: 0.3, evidence };
  }
  const computeShare = compute / (compute + memory);
  if (computeShare >= 0.5 && idle.length > 0) {
    return {
      phase: phase.name,
      label: 'underutilised',
      confidence: Math.min(0.9, 0.5 + computeShare / 2),
      evidence: [
        ...idle,
        `${pct(computeShare)} of kernel time is in compute-bound ops that more threads would speed up`,
      ],
    };
  }
  const label = computeShare >= 0.5 ? 'compute' : 'memory-bandwidth';
  const share = Math.max(computeShare, 1 - computeShare);
  const top = groups
    .filter((g) => g.bound === label)
    .slice(0, 2)
    .map((g) => `${g.opType} ${fmt(g.timeMs, 2)} ms/run`);
  return {
    phase: phase.name,
    label,
    confidence: Math.min(0.95, share),
    evidence: [
      `${pct(share)} of kernel time is in ${label === 'compute' ? 'compute' : 'memory'}-bound ops (${top.join(', ')})`,
      ...(worker === null ? [] : [`worker CPU ${fmt(worker, 0)} % with ${threads} threads`]),
      ...(contended
        ? [`other processes kept ${fmt(othersPct!, 0)} % of all cores busy: the measurement shares the CPU`]
        : []),
    ],
  };
}

/** Running short of RAM shows as swap traffic, major faults, or little memory left. */
function capacityEvidence(samples: Sample[], result: ProfileResult): string[] {
  const evidence: string[] = [];
  const swap = (seriesMean(samples, 'swap.inPagesPerSec') ?? 0) + (seriesMean(samples, 'swap.outPagesPerSec') ?? 0);
  if (swap > 10) evidence.push(`swap traffic ${fmt(swap, 0)} pages/s`);
  const faults = seriesMean(samples, 'proc.majorFaultsPerSec') ?? 0;
  if (faults > 50) evidence.push(`${fmt(faults, 0)} major page faults/s in the worker`);
  // A loop, not Math.min(...): an hour of 50 Hz samples would overflow the stack.
  let minAvailable = Number.POSITIVE_INFINITY;
  for (const s of samples)
    minAvailable = Math.min(minAvailable, s.values['mem.availableBytes'] ?? Number.POSITIVE_INFINITY);
  const total = result.machine.memTotalBytes;
  if (Number.isFinite(minAvailable) && total > 0 && minAvailable < total * 0.05) {
    evidence.push(
      `only ${fmt(minAvailable / MB, 0)} MB of ${fmt(total / MB, 0)} MB RAM left available (peak worker RSS ${fmt((result.peakRssBytes ?? 0) / MB, 0)} MB)`,
    );
  }
  return evidence;
}

function window(samples: Sample[], phase: Phase): Sample[] {
  return samplesIn(samples, phase.startMs, phase.startMs + phase.durationMs);
}

/**
 * Roofline verdict of one kind of run (LLM prefill or decode): where its kernel time
 * goes, measured, not assumed — prefill is usually compute-bound and decode
 * memory-bound, and the numbers say whether this model on this machine is.
 */
export function verdictFromGroups(phase: string, groups: OpGroup[]): Bottleneck | null {
  const compute = groups.filter((g) => g.bound === 'compute').reduce((s, g) => s + g.timeMs, 0);
  const memory = groups.filter((g) => g.bound === 'memory-bandwidth').reduce((s, g) => s + g.timeMs, 0);
  if (compute + memory === 0) return null;
  const computeShare = compute / (compute + memory);
  const label = computeShare >= 0.5 ? 'compute' : 'memory-bandwidth';
  const share = Math.max(computeShare, 1 - computeShare);
  const flops = groups.reduce((s, g) => s + g.flops, 0);
  const bytes = groups.reduce((s, g) => s + g.bytes, 0);
  const top = groups
    .filter((g) => g.bound === label)
    .slice(0, 2)
    .map((g) => `${g.opType} ${fmt(g.timeMs, 2)} ms/run`);
  return {
    phase,
    label,
    confidence: Math.min(0.95, share),
    evidence: [
      `${pct(share)} of ${phase} kernel time is in ${label === 'compute' ? 'compute' : 'memory'}-bound ops (${top.join(', ')})`,
      `${fmt(flops / 1e6, 1)} MFLOP and ${fmt(bytes / MB, 2)} MB per ${phase} run: ${fmt(bytes > 0 ? flops / bytes : 0, 1)} FLOP/B`,
    ],
  };
}

/** A decoder without a KV cache recomputes every earlier token at every step: a software fix. */
export function noCacheVerdict(result: ProfileResult): Bottleneck {
  const llm = result.llm!;
  return {
    phase: 'decode',
    label: 'compute',
    confidence: 0.9,
    evidence: [
      `the decoder has no KV cache (no past_key_values inputs): decode step t recomputes all ${llm.promptTokens}+t tokens; TPOT ${llm.tpotMs ? fmt(llm.tpotMs.mean, 2) : 'n/a'} ms grows with the sequence`,
      'software bottleneck: export the model with its cache (Optimum: --task text-generation-with-past)',
    ],
  };
}
