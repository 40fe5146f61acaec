/**
 * Compression lab, measured side by side: each variant of a bundled model against its
 * fp32 original in one process, sessions created once, rounds interleaved (the order
 * rotates every round) so that the machine's drift falls on both sides alike. Prints per
 * variant the file-size ratio and the median over rounds of the per-round latency ratio
 * (variant p50 / fp32 p50), with its IQR; for the decoder, a prefill of 32 tokens and one
 * decode step at 32 tokens of past (the memory-bound step int4 is for).
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-node';
import { buildVariant } from '../electron/core/compress/variants.js';
import { parseDimList, resolveDims } from '../electron/core/inference/dims.js';
import { makeInputs } from '../electron/core/inference/tensors.js';
import { inspectModel } from '../electron/core/models/inspect.js';
import { specText, type VariantSpec } from '../electron/shared/compress.js';

export interface CompressCase {
  label: string;
  path: string;
  /** Symbolic dims beyond the model's defaults, e.g. one decode step. */
  dims?: Record<string, number>;
  pastLength?: number;
}

export interface CompressBenchRow {
  case: string;
  variant: string;
  fileRatio: number;
  /** gzip (level 6) of the variant over gzip of the original: what pruning shrinks. */
  gzipRatio: number;
  p50Ms: number;
  /** Median over rounds of variant p50 / fp32 p50 in the same round; 1 for fp32 itself. */
  ratio: number;
  ratioP25: number;
  ratioP75: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export async function benchCompress(
  cases: CompressCase[],
  specs: VariantSpec[],
  rounds: number,
  runs: number,
): Promise<CompressBenchRow[]> {
  const rows: CompressBenchRow[] = [];
  for (const c of cases) {
    const source = await readFile(c.path);
    const graph = inspectModel(source);
    const defaults = graph.metadata['modeldyno.dims'];
    const { inputs } = resolveDims(graph.inputs, c.dims ?? {}, defaults ? parseDimList(defaults) : {});
    const feeds = makeInputs(inputs, { indexBounds: graph.indexBounds, pastLength: c.pastLength ?? 0, seed: 1 });
    const models = [
      { variant: 'fp32', bytes: source as Uint8Array },
      ...specs.map((spec) => ({ variant: specText(spec), bytes: buildVariant(source, spec).bytes })),
    ];
    const sessions = await Promise.all(
      models.map((m) => ort.InferenceSession.create(m.bytes, { graphOptimizationLevel: 'all' })),
    );
    for (const session of sessions) for (let i = 0; i < 3; i++) await session.run(feeds);
    const p50s: number[][] = models.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < sessions.length; k++) {
        const i = (k + round) % sessions.length;
        const times: number[] = [];
        for (let r = 0; r < runs; r++) {
          const start = process.hrtime.bigint();
          await sessions[i]!.run(feeds);
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        p50s[i]!.push(median(times));
      }
    }
    models.forEach((m, i) => {
      const ratios = p50s[i]!.map((p, round) => p / p50s[0]![round]!).sort((a, b) => a - b);
      rows.push({
        case: c.label,
        variant: m.variant,
        fileRatio: m.bytes.byteLength / source.byteLength,
        gzipRatio: gzipSync(m.bytes, { level: 6 }).byteLength / gzipSync(source, { level: 6 }).byteLength,
        p50Ms: median(p50s[i]!),
        ratio: quantile(ratios, 0.5),
        ratioP25: quantile(ratios, 0.25),
        ratioP75: quantile(ratios, 0.75),
      });
    });
    await Promise.all(sessions.map((s) => s.release()));
  }
  return rows;
}

export function printCompressBench(rows: CompressBenchRow[]): void {
  for (const row of rows) {
    const ratio =
      row.variant === 'fp32'
        ? ''
        : `  latency ratio ${row.ratio.toFixed(3)} [IQR ${row.ratioP25.toFixed(3)}–${row.ratioP75.toFixed(3)}] (${row.ratio < 1 ? `${(1 / row.ratio).toFixed(2)}× faster` : `${row.ratio.toFixed(2)}× slower`})`;
    console.log(
      `  ${row.case.padEnd(34)} ${row.variant.padEnd(10)} file ×${row.fileRatio.toFixed(3)} gzip ×${row.gzipRatio.toFixed(3)}  p50 ${row.p50Ms.toFixed(3)} ms${ratio}`,
    );
  }
}
