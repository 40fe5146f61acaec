/**
 * An experiment as every view shows it (CLI table, app, HTML report): one row per model,
 * the original first, with the timings of its profiled session, and findings that say in
 * numbers what each variant buys and costs here.
 */
import type { CompressionExperiment, CompressionRow, CompressionView, VariantOutcome } from '../../shared/compress.js';
import { formatBytes, formatMs } from '../../shared/format.js';
import type { ProfileResult } from '../../shared/session.js';
import { compressionVerdicts } from './recommend.js';

/** A session by id, or null when it is gone (deleted, unreadable). */
export type SessionLookup = (sessionId: string) => ProfileResult | null;

export function compressionView(experiment: CompressionExperiment, lookup: SessionLookup): CompressionView {
  const find = (id: string | null) => (id === null ? null : lookup(id));
  const baselineSession = find(experiment.baselineSessionId);
  const baseline: CompressionRow = {
    ...timings(baselineSession),
    text: 'fp32',
    label: 'fp32 (original)',
    baseline: true,
    sessionId: experiment.baselineSessionId,
    fileBytes: experiment.fileBytes,
    gzipBytes: experiment.gzipBytes,
    maxAbsDiff: 0,
    cosine: 1,
    // The reference of the decoders' agreement, whether or not the original was profiled.
    top1Agreement: baselineSession?.llm || experiment.variants.some((v) => v.fidelity?.llm) ? 1 : null,
    error: experiment.baselineError,
  };
  const rows = [baseline, ...experiment.variants.map((v) => variantRow(v, find(v.sessionId)))];
  const llm = baselineSession?.llm != null;
  const drift = driftOf(baselineSession, find(experiment.baselineRepeatSessionId), llm);
  const said = findings(baseline, rows.slice(1), experiment.variants, llm);
  if (drift) said.push(driftSentence(drift));
  const view: CompressionView = {
    experiment,
    rows,
    llm,
    drift,
    findings: said,
    recommendations: [],
    notRecommended: [],
  };
  const verdicts = compressionVerdicts(view, baselineSession?.bottlenecks ?? []);
  view.recommendations = verdicts.recommended;
  view.notRecommended = verdicts.rejected;
  return view;
}

function driftOf(first: ProfileResult | null, last: ProfileResult | null, llm: boolean): CompressionView['drift'] {
  const metric = llm ? 'outputTokensPerSec' : 'latencyP50Ms';
  const value = (s: ProfileResult | null) => (llm ? (s?.llm?.outputTokensPerSec ?? null) : (s?.latencyMs?.p50 ?? null));
  const a = value(first);
  const b = value(last);
  if (a === null || b === null || a <= 0 || b <= 0) return null;
  return { metric, first: a, last: b, pct: (Math.abs(a - b) / Math.min(a, b)) * 100 };
}

function driftSentence(drift: NonNullable<CompressionView['drift']>): string {
  const value = (v: number) => (drift.metric === 'latencyP50Ms' ? formatMs(v) : `${v.toFixed(0)} tokens/s`);
  const what = drift.metric === 'latencyP50Ms' ? 'p50' : 'decode';
  return `fp32 (original) profiled again after the variants: ${what} ${value(drift.first)} first, ${value(drift.last)} last (${drift.pct.toFixed(0)} % apart) — smaller differences between rows are this machine's drift, not the variants`;
}

function variantRow(variant: VariantOutcome, session: ProfileResult | null): CompressionRow {
  return {
    ...timings(session),
    text: variant.text,
    label: variant.label,
    baseline: false,
    sessionId: variant.sessionId,
    fileBytes: variant.build?.fileBytes ?? null,
    gzipBytes: variant.build?.gzipBytes ?? null,
    maxAbsDiff: variant.fidelity?.maxAbsDiff ?? null,
    cosine: variant.fidelity?.cosine ?? null,
    top1Agreement: variant.fidelity?.llm?.top1Agreement ?? null,
    error: variant.error,
  };
}

type Timings = Pick<
  CompressionRow,
  | 'loadMs'
  | 'createMs'
  | 'latencyP50Ms'
  | 'latencyP90Ms'
  | 'latencyP99Ms'
  | 'throughputPerSec'
  | 'peakRssBytes'
  | 'ttftMs'
  | 'tpotMs'
  | 'outputTokensPerSec'
>;

function timings(session: ProfileResult | null): Timings {
  return {
    loadMs: session?.loadMs ?? null,
    createMs: session?.createMs ?? null,
    latencyP50Ms: session?.latencyMs?.p50 ?? null,
    latencyP90Ms: session?.latencyMs?.p90 ?? null,
    latencyP99Ms: session?.latencyMs?.p99 ?? null,
    throughputPerSec: session?.throughputPerSec ?? null,
    peakRssBytes: session?.peakRssBytes ?? null,
    ttftMs: session?.llm?.ttftMs.mean ?? null,
    tpotMs: session?.llm?.tpotMs?.mean ?? null,
    outputTokensPerSec: session?.llm?.outputTokensPerSec ?? null,
  };
}

/** `3.1×` (one decimal below 10); null when either side is missing. */
function times(before: number | null, after: number | null): string | null {
  if (before === null || after === null || before <= 0 || after <= 0) return null;
  const ratio = before / after;
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** `3.1× faster` or `1.2× slower`, from a ratio where > 1 is better. */
function speedPhrase(better: number, worse: number): string {
  return better >= worse ? `${times(better, worse)} faster` : `${times(worse, better)} slower`;
}

/** One sentence per variant that was made, in experiment order. */
function findings(base: CompressionRow, rows: CompressionRow[], variants: VariantOutcome[], llm: boolean): string[] {
  return rows.flatMap((row, i) => {
    const variant = variants[i]!;
    if (!variant.build) return [`${row.label}: not made — ${row.error?.message ?? 'no reason recorded'}`];
    const parts: string[] = [];
    const smaller = times(base.fileBytes, row.fileBytes);
    parts.push(
      `file ${formatBytes(base.fileBytes)} → ${formatBytes(row.fileBytes)}${smaller ? ` (${smaller} smaller)` : ''}`,
    );
    if (variant.spec.kind === 'prune') {
      parts.push(`gzip ${formatBytes(base.gzipBytes)} → ${formatBytes(row.gzipBytes)}`);
    }
    if (llm && row.outputTokensPerSec !== null && base.outputTokensPerSec !== null) {
      parts.push(
        `decode ${base.outputTokensPerSec.toFixed(0)} → ${row.outputTokensPerSec.toFixed(0)} tokens/s (${speedPhrase(row.outputTokensPerSec, base.outputTokensPerSec)})`,
      );
    } else if (row.latencyP50Ms !== null && base.latencyP50Ms !== null) {
      parts.push(
        `p50 ${formatMs(base.latencyP50Ms)} → ${formatMs(row.latencyP50Ms)} (${speedPhrase(base.latencyP50Ms, row.latencyP50Ms)})`,
      );
    }
    if (row.peakRssBytes !== null && base.peakRssBytes !== null) {
      parts.push(`peak RSS ${formatBytes(base.peakRssBytes)} → ${formatBytes(row.peakRssBytes)}`);
    }
    if (row.cosine !== null) parts.push(`cosine ${row.cosine.toFixed(4)}`);
    if (row.top1Agreement !== null) parts.push(`top-1 agreement ${(row.top1Agreement * 100).toFixed(0)} %`);
    if (row.error) parts.push(`(${row.error.message})`);
    return [`${row.label}: ${parts.join(', ')}`];
  });
}
