/**
 * Recommendations from a compression experiment: unlike the int8 estimate of
 * analysis/recommend.ts, every number here was measured — the variant was built,
 * profiled with the original's settings on this machine and compared on the same seeded
 * inputs. A variant is recommended only when it is measurably better and keeps its
 * outputs close to the original's; the others are listed with the reason they were not.
 */
import type { Bottleneck, BottleneckLabel, Recommendation } from '../../shared/analysis.js';
import type { CompressionRow, CompressionView, VariantOutcome } from '../../shared/compress.js';
import { formatBytes, formatMs } from '../../shared/format.js';
import { isInt8Estimate } from '../analysis/recommend.js';

/**
 * Below this a difference between two sessions is noise on a shared machine (the same
 * threshold as analysis/recommend.ts): neither a gain to recommend nor a slowdown to hold against.
 */
export const MIN_GAIN_PCT = 5;
/** Outputs less similar than this are a different model, however fast (the int8 bar). */
export const MIN_COSINE = 0.99;
/** A decoder that picks another next token more than one step in ten generates different text. */
export const MIN_TOP1_AGREEMENT = 0.9;

/**
 * RAM sizes machines are sold with. A "4 GB" laptop has 4 GiB, so the classes are binary;
 * peak RSS is the profiling process's alone, and the OS needs its share beside it.
 */
export const MEMORY_CLASSES_GB = [2, 4, 8, 16, 32, 64, 128] as const;
const GIB = 2 ** 30;

/** The smallest memory class that holds `bytes`, or null above the largest. */
export function memoryClassGb(bytes: number): number | null {
  return MEMORY_CLASSES_GB.find((gb) => bytes <= gb * GIB) ?? null;
}

/** Why a variant was not recommended, in a sentence with its numbers. */
export interface Rejection {
  text: string;
  label: string;
  reason: string;
}

export interface CompressionVerdicts {
  recommended: Recommendation[];
  rejected: Rejection[];
}

/** The measured recommendations, largest gain first. */
export function compressionRecommendations(
  view: CompressionView,
  bottlenecks: readonly Bottleneck[] = [],
): Recommendation[] {
  return compressionVerdicts(view, bottlenecks).recommended;
}

/**
 * Every variant that was profiled and compared, judged against the original. `bottlenecks`
 * are the original session's verdicts: a speed-up addresses what held its runs (or its
 * decode) back; without them, memory bandwidth, which smaller weights relieve.
 */
export function compressionVerdicts(
  view: CompressionView,
  bottlenecks: readonly Bottleneck[] = [],
): CompressionVerdicts {
  const base = view.rows.find((row) => row.baseline);
  const out: CompressionVerdicts = { recommended: [], rejected: [] };
  if (!base || base.sessionId === null) return out;
  const speedLabel = speedLabelOf(bottlenecks, view.llm);
  view.experiment.variants.forEach((variant, i) => {
    // compressionView() puts the original first, then one row per variant in order.
    const row = view.rows[i + 1];
    if (!row) return;
    const judged = judge(view, base, row, variant, speedLabel, bottlenecks);
    if ('reason' in judged) out.rejected.push({ text: row.text, label: row.label, reason: judged.reason });
    else out.recommended.push(judged);
  });
  out.recommended.sort((a, b) => b.estimatedGainPct - a.estimatedGainPct);
  return out;
}

function speedLabelOf(bottlenecks: readonly Bottleneck[], llm: boolean): BottleneckLabel {
  const phase = bottlenecks.find((b) => b.phase === (llm ? 'decode' : 'runs'));
  return phase?.label === 'compute' ? 'compute' : 'memory-bandwidth';
}

/** Improvement in %: a reduction for times and sizes, an increase for rates. */
const lessIsBetter = (before: number, after: number) => ((before - after) / before) * 100;
const moreIsBetter = (before: number, after: number) => ((after - before) / before) * 100;

/** `2.9×` (one decimal below 10). */
const times = (ratio: number) => `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;

/** "2.9× faster", "1.3× slower", or "as fast" within the noise; `speedup` > 1 is faster. */
function ratioText(gainPct: number, speedup: number): string {
  if (Math.abs(gainPct) < MIN_GAIN_PCT) return 'as fast';
  return speedup >= 1 ? `${times(speedup)} faster` : `${times(1 / speedup)} slower`;
}

interface Speed {
  metric: 'latencyP50Ms' | 'outputTokensPerSec';
  gainPct: number;
  /** "decode 2.9× faster here (120 → 350 tokens/s)". */
  phrase: string;
  /** The p90 moved the other way by the noise margin or more: the gain is not taken as one. */
  contradicted: boolean;
}

function speedOf(base: CompressionRow, row: CompressionRow, llm: boolean): Speed | null {
  if (llm) {
    const before = base.outputTokensPerSec;
    const after = row.outputTokensPerSec;
    if (before === null || after === null || before <= 0 || after <= 0) return null;
    const gainPct = moreIsBetter(before, after);
    return {
      metric: 'outputTokensPerSec',
      gainPct,
      phrase: `decode ${ratioText(gainPct, after / before)} here (${before.toFixed(0)} → ${after.toFixed(0)} tokens/s)`,
      contradicted: false,
    };
  }
  const before = base.latencyP50Ms;
  const after = row.latencyP50Ms;
  if (before === null || after === null || before <= 0 || after <= 0) return null;
  const gainPct = lessIsBetter(before, after);
  let phrase = `p50 ${ratioText(gainPct, before / after)} here (${formatMs(before)} → ${formatMs(after)})`;
  // A median that moved while the tail moved the other way is this machine's run-to-run
  // noise (measured: an fp16 variant, the same compute, came out "1.3× faster" at p50 and
  // 1.35× slower at p90); such a speed-up does not count.
  const tailBefore = base.latencyP90Ms;
  const tailAfter = row.latencyP90Ms;
  const tailGainPct =
    tailBefore !== null && tailAfter !== null && tailBefore > 0 && tailAfter > 0
      ? lessIsBetter(tailBefore, tailAfter)
      : null;
  const contradicted = tailGainPct !== null && gainPct >= MIN_GAIN_PCT && tailGainPct <= -MIN_GAIN_PCT;
  if (contradicted)
    phrase += ` but p90 ${ratioText(tailGainPct, tailBefore! / tailAfter!)} (${formatMs(tailBefore)} → ${formatMs(tailAfter)})`;
  return { metric: 'latencyP50Ms', gainPct, phrase, contradicted };
}

/** "int8 weights", "int4 (block 32) weights", "fp16 weights", "weights pruned to 50 % sparsity". */
function changeName(variant: VariantOutcome): string {
  switch (variant.spec.kind) {
    case 'int8':
    case 'int4':
      return `${variant.label} weights`;
    case 'fp16':
      return variant.label;
    case 'prune':
      return `weights pruned to ${Math.round(variant.spec.sparsity * 1000) / 10} % sparsity`;
  }
}

function fidelityText(row: CompressionRow): string {
  const parts = [`cosine ${row.cosine!.toFixed(4)}`, `max |Δ| ${row.maxAbsDiff!.toExponential(1)}`];
  if (row.top1Agreement !== null) parts.push(`top-1 agreement ${(row.top1Agreement * 100).toFixed(0)} %`);
  return parts.join(', ');
}

function judge(
  view: CompressionView,
  base: CompressionRow,
  row: CompressionRow,
  variant: VariantOutcome,
  speedLabel: BottleneckLabel,
  bottlenecks: readonly Bottleneck[],
): Recommendation | { reason: string } {
  const fidelity = variant.fidelity;
  if (row.error) return { reason: `it did not finish (${row.error.kind}: ${row.error.message})` };
  if (row.sessionId === null) return { reason: 'it was not profiled' };
  if (!fidelity || row.cosine === null || row.maxAbsDiff === null)
    return { reason: 'its outputs were not compared with the original' };
  if (row.cosine < MIN_COSINE) return { reason: `its outputs drift: cosine ${row.cosine.toFixed(4)} < ${MIN_COSINE}` };
  if (row.top1Agreement !== null && row.top1Agreement < MIN_TOP1_AGREEMENT)
    return {
      reason: `it picks another next token too often: top-1 agreement ${(row.top1Agreement * 100).toFixed(0)} % < ${MIN_TOP1_AGREEMENT * 100} %`,
    };

  const speed = speedOf(base, row, view.llm);
  const rssGainPct =
    base.peakRssBytes !== null && row.peakRssBytes !== null && base.peakRssBytes > 0
      ? lessIsBetter(base.peakRssBytes, row.peakRssBytes)
      : null;
  // A speed-up must also clear the drift of the original between its first and last
  // profile: the same model moved that much on its own.
  const margin = Math.max(MIN_GAIN_PCT, view.drift?.pct ?? 0);
  const faster = speed !== null && speed.gainPct >= margin && !speed.contradicted;
  const leaner = rssGainPct !== null && rssGainPct >= MIN_GAIN_PCT;
  // A slower variant is worth it only to a machine short of memory: then memory is the
  // gain and the slowdown is said in the title.
  if (!faster && !leaner) {
    const what = !speed
      ? 'speed not measured'
      : speed.contradicted
        ? `${speed.phrase}, within this machine's run-to-run noise`
        : speed.phrase;
    return {
      reason: `neither faster by ${margin.toFixed(0)} % or more${margin > MIN_GAIN_PCT ? ' (the drift of the original between its first and last profile)' : ''} nor leaner by ${MIN_GAIN_PCT} %: ${what}; peak RSS ${formatBytes(base.peakRssBytes)} → ${formatBytes(row.peakRssBytes)}`,
    };
  }
  const byMemory = !faster || (leaner && rssGainPct! > speed!.gainPct);
  // Memory bought with speed is worth it only where memory is short: the original was held
  // back by memory capacity here, or the variant fits a smaller machine than the original.
  const slower = speed !== null && speed.gainPct <= -margin && !speed.contradicted;
  const fits = fitsPhrase(base.peakRssBytes, row.peakRssBytes);
  if (!faster && slower && !fits && !bottlenecks.some((b) => b.label === 'memory-capacity')) {
    return {
      reason: `${speed.phrase}, and the memory it saves (${formatBytes(base.peakRssBytes)} → ${formatBytes(row.peakRssBytes)}) matters only where memory is short: the original was not memory-capacity bound here and both fit the same machine size`,
    };
  }

  const parts: string[] = [];
  if (speed) parts.push(speed.phrase);
  if (row.peakRssBytes !== null)
    parts.push(
      leaner
        ? `peak RSS ${formatBytes(base.peakRssBytes)} → ${formatBytes(row.peakRssBytes)}`
        : `peak RSS ${formatBytes(row.peakRssBytes)}`,
    );
  if (fits) parts.push(fits);
  parts.push(
    row.top1Agreement !== null
      ? `top-1 agreement ${(row.top1Agreement * 100).toFixed(0)} %`
      : `cosine ${row.cosine.toFixed(4)}`,
  );

  const settings = view.experiment.settings;
  const runs = view.llm
    ? `${settings.repetitions} generation request${settings.repetitions === 1 ? '' : 's'} each`
    : settings.durationS !== null
      ? `${settings.durationS} s of runs each`
      : `${settings.runs} measured runs each`;
  const sessions = `original session ${base.sessionId}, variant session ${row.sessionId}, ${runs} with the same settings`;
  const llmSteps = fidelity.llm
    ? ` over ${fidelity.llm.steps} greedy steps after a ${fidelity.llm.promptTokens}-token prompt`
    : '';
  return {
    title: `${changeName(variant)}: ${parts.join(', ')}`,
    label: byMemory ? 'memory-capacity' : speedLabel,
    kind: 'software',
    estimatedGainPct: byMemory ? rssGainPct! : speed!.gainPct,
    metric: byMemory ? 'peakRssBytes' : speed!.metric,
    source: 'measured',
    assumption: `measured in compression experiment ${view.experiment.id} on this machine, not projected: ${sessions}; fidelity against the fp32 original on inputs of seed ${fidelity.seed}${llmSteps}: ${fidelityText(row)}`,
  };
}

/** "fits in 4 GB" when the variant's peak RSS fits a smaller memory class than the original's. */
function fitsPhrase(baseBytes: number | null, rowBytes: number | null): string | null {
  if (rowBytes === null || baseBytes === null) return null;
  const rowClass = memoryClassGb(rowBytes);
  const baseClass = memoryClassGb(baseBytes);
  if (rowClass === null || (baseClass !== null && rowClass >= baseClass)) return null;
  return `fits in ${rowClass} GB`;
}

/**
 * The analysis' own recommendations less the int8 estimates that an int8 variant of the
 * experiment measured instead: measured beats projected, and one lever is said once.
 */
export function withoutMeasuredEstimates(
  recommendations: readonly Recommendation[],
  view: CompressionView | null,
): Recommendation[] {
  const int8Measured = view?.experiment.variants.some((v) => v.spec.kind === 'int8' && v.sessionId !== null) ?? false;
  return int8Measured ? recommendations.filter((r) => !isInt8Estimate(r)) : [...recommendations];
}
