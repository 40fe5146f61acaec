/**
 * The compression lab's contract: which variants of an fp32 model ModelDyno can make,
 * what making one changed, how closely its outputs follow the original's, and the
 * experiment that profiles them side by side. Plain JSON throughout: the CLI's `--json`,
 * the API and the stored `experiment.json` are all these shapes.
 */
import { z } from 'zod';
import { DynoError } from './errors.js';
import type { Recommendation } from './analysis.js';
import { ErrorInfoSchema, ProfileSettings } from './session.js';

/** MatMulNBits block sizes ONNX Runtime's CPU kernel accepts (a power of two, ≥ 16). */
export const INT4_BLOCK_SIZES = [16, 32, 64, 128, 256] as const;
export const DEFAULT_INT4_BLOCK = 32;

/** One way of compressing a model. */
export const VariantSpec = z.discriminatedUnion('kind', [
  /** Per-column int8 MatMul/Gemm weights, activations quantized at run time (MatMulInteger form). */
  z.strictObject({ kind: z.literal('int8') }),
  /** Block-wise 4-bit MatMul/Gemm weights (`com.microsoft` MatMulNBits), fp32 activations. */
  z.strictObject({ kind: z.literal('int4'), blockSize: z.literal(INT4_BLOCK_SIZES) }),
  /** Every float32 initializer stored as float16, cast back to float32 when the session is created. */
  z.strictObject({ kind: z.literal('fp16') }),
  /** The smallest-magnitude share of each MatMul/Gemm weight set to zero; still dense fp32. */
  z.strictObject({ kind: z.literal('prune'), sparsity: z.number().gt(0).lt(1) }),
]);
export type VariantSpec = z.infer<typeof VariantSpec>;

/** The spelling the CLI takes and every table prints: `int8`, `int4:32`, `fp16`, `prune:0.5`. */
export function specText(spec: VariantSpec): string {
  switch (spec.kind) {
    case 'int8':
    case 'fp16':
      return spec.kind;
    case 'int4':
      return `int4:${spec.blockSize}`;
    case 'prune':
      return `prune:${spec.sparsity}`;
  }
}

/** A name safe in a file name: `int8`, `int4-b32`, `fp16`, `prune-50`. */
export function specSlug(spec: VariantSpec): string {
  switch (spec.kind) {
    case 'int8':
    case 'fp16':
      return spec.kind;
    case 'int4':
      return `int4-b${spec.blockSize}`;
    case 'prune':
      return `prune-${Math.round(spec.sparsity * 1000) / 10}`;
  }
}

/** What people call it: `int8`, `int4 (block 32)`, `fp16 weights`, `pruned 50 %`. */
export function specLabel(spec: VariantSpec): string {
  switch (spec.kind) {
    case 'int8':
      return 'int8';
    case 'fp16':
      return 'fp16 weights';
    case 'int4':
      return `int4 (block ${spec.blockSize})`;
    case 'prune':
      return `pruned ${Math.round(spec.sparsity * 1000) / 10} %`;
  }
}

const USAGE = 'Variants are int8, int4 (block 32), int4:N (N = 16, 32, 64, 128 or 256), fp16 and prune:S (0 < S < 1).';

/** Parses one spelling (`int4:128`); throws a `usage` DynoError naming it. */
export function parseSpec(text: string): VariantSpec {
  const [kind, arg, extra] = text.trim().toLowerCase().split(':');
  const bad = () => new DynoError('usage', `unknown variant '${text}'. ${USAGE}`);
  if (extra !== undefined) throw bad();
  if ((kind === 'int8' || kind === 'fp16') && arg === undefined) return { kind };
  if (kind === 'int4') {
    const blockSize = arg === undefined ? DEFAULT_INT4_BLOCK : Number(arg);
    const parsed = VariantSpec.safeParse({ kind, blockSize });
    if (parsed.success) return parsed.data;
  }
  if (kind === 'prune' && arg !== undefined && arg.trim() !== '') {
    const parsed = VariantSpec.safeParse({ kind, sparsity: Number(arg) });
    if (parsed.success) return parsed.data;
  }
  throw bad();
}

/** A comma-separated list (`int8,int4,fp16`), duplicates dropped, order kept. */
export function parseSpecList(text: string): VariantSpec[] {
  const specs = text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(parseSpec);
  if (specs.length === 0) throw new DynoError('usage', `no variant given. ${USAGE}`);
  const seen = new Set<string>();
  return specs.filter((spec) => !seen.has(specText(spec)) && seen.add(specText(spec)));
}

/** The variants the app offers ticked, and `compress` makes without `--to`. */
export const DEFAULT_SPECS: readonly VariantSpec[] = [
  { kind: 'int8' },
  { kind: 'int4', blockSize: 32 },
  { kind: 'int4', blockSize: 128 },
  { kind: 'fp16' },
];

/** Weights a variant left as they were, grouped by why. */
export const UntouchedWeights = z.strictObject({
  /** e.g. "Gather table (embedding lookup)", "Conv weight", "MatMul weight with K < block size". */
  reason: z.string(),
  count: z.number().int(),
  bytes: z.number(),
});
export type UntouchedWeights = z.infer<typeof UntouchedWeights>;

/** What making one variant did to the model file. */
export const VariantBuild = z.strictObject({
  spec: VariantSpec,
  /** `specText(spec)`, kept for readers that only print. */
  text: z.string(),
  label: z.string(),
  path: z.string(),
  fileBytes: z.number(),
  /** The file gzip-compressed (level 6): what a download or an app bundle carries. */
  gzipBytes: z.number(),
  /** Float weights the variant rewrote, and their bytes before and after (scales and zero points included). */
  weightsChanged: z.number().int(),
  weightBytesBefore: z.number(),
  weightBytesAfter: z.number(),
  untouched: z.array(UntouchedWeights),
  /** Nodes the variant added (`MatMulNBits`: 12) and removed (`MatMul`: 12), by op type. */
  opsAdded: z.record(z.string(), z.number().int()),
  opsRemoved: z.record(z.string(), z.number().int()),
  /** What a user should know: e.g. that pruning leaves compute dense. */
  notes: z.array(z.string()),
  buildMs: z.number(),
});
export type VariantBuild = z.infer<typeof VariantBuild>;

/** One output of the variant against the same output of the original. */
export const OutputFidelity = z.strictObject({
  name: z.string(),
  elements: z.number().int(),
  maxAbsDiff: z.number(),
  /** Cosine similarity of the two outputs flattened; 1 is identical direction. */
  cosine: z.number(),
});
export type OutputFidelity = z.infer<typeof OutputFidelity>;

/** How closely a variant follows the original on the same seeded inputs. */
export const Fidelity = z.strictObject({
  /** The seed of the inputs both models were fed (and of the prompt, for decoders). */
  seed: z.number().int(),
  /** Float outputs compared; integer and bool outputs are compared for equality as max |diff|. */
  outputs: z.array(OutputFidelity),
  /** Worst over `outputs` (for decoders: over the logits of every step). */
  maxAbsDiff: z.number(),
  cosine: z.number(),
  /**
   * Decoders: the original generates greedily; the variant is fed the same tokens
   * (teacher forcing) and its argmax compared at every step.
   */
  llm: z
    .strictObject({
      promptTokens: z.number().int(),
      steps: z.number().int(),
      /** Share of steps whose top-1 next token equals the original's, 0…1. */
      top1Agreement: z.number(),
      /** Cosine of the last position's logits, the worst step and the mean. */
      minLogitsCosine: z.number(),
      meanLogitsCosine: z.number(),
    })
    .nullable(),
});
export type Fidelity = z.infer<typeof Fidelity>;

/** One variant of an experiment: made, profiled, compared; each step may fail alone. */
export const VariantOutcome = z.strictObject({
  spec: VariantSpec,
  text: z.string(),
  label: z.string(),
  build: VariantBuild.nullable(),
  sessionId: z.string().nullable(),
  fidelity: Fidelity.nullable(),
  /** The first step that failed; what came before it is kept. */
  error: ErrorInfoSchema.nullable(),
});
export type VariantOutcome = z.infer<typeof VariantOutcome>;

export const ExperimentStatus = z.enum(['running', 'complete', 'failed', 'cancelled', 'incomplete']);
export type ExperimentStatus = z.infer<typeof ExperimentStatus>;

/** What `experiment.json` holds. */
export const CompressionExperiment = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  status: ExperimentStatus,
  modelPath: z.string(),
  modelSha256: z.string(),
  fileBytes: z.number(),
  gzipBytes: z.number(),
  settings: ProfileSettings,
  /** The original, profiled with the same settings; null until it has been, or when profiling was skipped. */
  baselineSessionId: z.string().nullable(),
  baselineError: ErrorInfoSchema.nullable(),
  /**
   * The original profiled once more after the last variant: how far the same model moved
   * between the first and the last profile is this machine's drift over the experiment,
   * the margin a variant's difference must clear to count.
   */
  baselineRepeatSessionId: z.string().nullable().default(null),
  variants: z.array(VariantOutcome),
});
export type CompressionExperiment = z.infer<typeof CompressionExperiment>;

/**
 * One row of the side-by-side table: the original first, then each variant. Timings
 * come from the profiled sessions; null where a step did not run or failed.
 */
export interface CompressionRow {
  /** `fp32` for the original. */
  text: string;
  label: string;
  baseline: boolean;
  sessionId: string | null;
  fileBytes: number | null;
  gzipBytes: number | null;
  loadMs: number | null;
  createMs: number | null;
  latencyP50Ms: number | null;
  latencyP90Ms: number | null;
  latencyP99Ms: number | null;
  throughputPerSec: number | null;
  peakRssBytes: number | null;
  ttftMs: number | null;
  tpotMs: number | null;
  outputTokensPerSec: number | null;
  maxAbsDiff: number | null;
  cosine: number | null;
  top1Agreement: number | null;
  error: { kind: string; message: string } | null;
}

/** An experiment as every view shows it: the rows, what they mean, and the caveats. */
export interface CompressionView {
  experiment: CompressionExperiment;
  rows: CompressionRow[];
  /** True when the baseline session measured LLM generation: show TTFT, TPOT and tokens/s. */
  llm: boolean;
  /**
   * The original's headline metric (p50, or decode tokens/s for decoders) at the first and
   * the last profile of the experiment, and how far apart they are in %; null without both.
   */
  drift: { metric: 'latencyP50Ms' | 'outputTokensPerSec'; first: number; last: number; pct: number } | null;
  /**
   * The measured recommendations (a variant clearly faster or leaner with outputs kept
   * close), largest gain first, and the variants not recommended with the reason.
   */
  recommendations: Recommendation[];
  notRecommended: Array<{ text: string; label: string; reason: string }>;
  /** Sentences with numbers, best variant first: "int4 (block 32): 3.1× smaller file, p50 1.4× faster, cosine 0.998". */
  findings: string[];
}

/** One line of the experiments list. */
export interface CompressionSummary {
  id: string;
  createdAt: string;
  status: ExperimentStatus;
  modelPath: string;
  modelName: string;
  variants: string[];
  baselineSessionId: string | null;
}
