/**
 * `modeldyno compare A B`: B against A — headline deltas, per-op-type deltas, caveats — and
 * with `--fail-if-slower PCT` a regression gate for CI: exit 1 when B is slower by more.
 */
import { resolve } from 'node:path';
import { compareResults } from '../../../core/api/compare.js';
import { sessionSummary } from '../../../core/api/summaries.js';
import { renderComparisonReport } from '../../../core/report/index.js';
import { loadSession, sessionsRoot, writeFileAtomic } from '../../../core/recording/store.js';
import type { Comparison, ComparisonRow } from '../../../shared/api.js';
import { DynoError } from '../../../shared/errors.js';
import type { ProfileResult } from '../../../shared/session.js';
import { parseStrict } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { formatBytes, formatMs } from '../format.js';

const OPTIONS = {
  json: { type: 'boolean' },
  'fail-if-slower': { type: 'string' },
  html: { type: 'string' },
  sessions: { type: 'string' },
} as const;

/** Kernel time of one op type per run in each session; null where the session has none. */
export interface OpDelta {
  opType: string;
  aMsPerRun: number | null;
  bMsPerRun: number | null;
  deltaPct: number | null;
}

/** The verdict of `--fail-if-slower`: `metric` is the row that decided. */
export interface Gate {
  pct: number;
  metric: string;
  deltaPct: number;
  failed: boolean;
}

const TOP_OPS = 10;

export async function runCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const [idA, idB] = positionals;
  if (positionals.length !== 2 || idA === undefined || idB === undefined)
    throw new DynoError('usage', 'compare takes two session ids: modeldyno compare <A> <B> [--fail-if-slower PCT]');
  const limitPct = gateLimit(values['fail-if-slower']);
  const root = sessionsRoot(values.sessions);
  const a = loadSession(root, idA).result;
  const b = loadSession(root, idB).result;
  const comparison = compareResults(a, b, sessionSummary);
  const opDeltas = opTypeDeltas(a, b);
  const gate = limitPct === null ? null : decideGate(comparison, limitPct);
  if (values.html) {
    const out = resolve(values.html);
    writeFileAtomic(out, renderComparisonReport(comparison, a, b));
    process.stderr.write(`Compare report: ${out}\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...comparison, opDeltas, gate })}\n`);
    if (gate?.failed) process.stderr.write(`${gateLine(gate, comparison.rows)}\n`);
  } else {
    process.stdout.write(formatComparison(comparison, opDeltas, gate));
  }
  return gate?.failed ? EXIT.other : EXIT.ok;
}

function gateLimit(text: string | undefined): number | null {
  if (text === undefined) return null;
  const pct = Number(text.replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(pct) || pct < 0)
    throw new DynoError('usage', `--fail-if-slower needs a percentage ≥ 0, not "${text}".`);
  return pct;
}

/**
 * A generation session is judged by its time to first token and per output token (the
 * worse of the two decides); any other by its p50 latency. A gate that cannot measure
 * fails rather than passing a build it knows nothing about.
 */
export function decideGate(comparison: Comparison, pct: number): Gate {
  const measured = (metrics: string[]) =>
    comparison.rows.flatMap((r) =>
      metrics.includes(r.metric) && r.deltaPct !== null ? [{ metric: r.metric, deltaPct: r.deltaPct }] : [],
    );
  const llm = measured(['ttftP50Ms', 'tpotP50Ms']);
  const candidates = llm.length > 0 ? llm : measured(['latencyP50Ms']);
  const worst = candidates.sort((x, y) => y.deltaPct - x.deltaPct)[0];
  if (!worst)
    throw new DynoError(
      'session-invalid',
      `--fail-if-slower needs a latency p50 (or TTFT/TPOT p50) in both sessions; ${comparison.a.sessionId} or ${comparison.b.sessionId} has no measured run.`,
    );
  return { pct, metric: worst.metric, deltaPct: worst.deltaPct, failed: worst.deltaPct > pct };
}

/**
 * Per op type, the sum of its nodes' mean kernel time: the time per run even where ONNX
 * Runtime's profiler stopped recording before the last run. Top ten by the larger side.
 */
export function opTypeDeltas(a: ProfileResult, b: ProfileResult): OpDelta[] {
  const perRun = (r: ProfileResult) => {
    const byType = new Map<string, number>();
    for (const op of r.ops) byType.set(op.opType, (byType.get(op.opType) ?? 0) + op.meanMs);
    return byType;
  };
  const ta = perRun(a);
  const tb = perRun(b);
  return [...new Set([...ta.keys(), ...tb.keys()])]
    .map((opType) => {
      const va = ta.get(opType) ?? null;
      const vb = tb.get(opType) ?? null;
      const deltaPct = va !== null && vb !== null && va > 0 ? ((vb - va) / va) * 100 : null;
      return { opType, aMsPerRun: va, bMsPerRun: vb, deltaPct };
    })
    .sort((x, y) => Math.max(y.aMsPerRun ?? 0, y.bMsPerRun ?? 0) - Math.max(x.aMsPerRun ?? 0, x.bMsPerRun ?? 0))
    .slice(0, TOP_OPS);
}

const LABEL_WIDTH = 18;
const COLUMN_WIDTH = 14;

function formatComparison(c: Comparison, ops: OpDelta[], gate: Gate | null): string {
  const out = [`Compare  A ${c.a.sessionId}  →  B ${c.b.sessionId}`, ''];
  out.push(`${''.padEnd(LABEL_WIDTH)}${'A'.padStart(COLUMN_WIDTH)}${'B'.padStart(COLUMN_WIDTH)}   B vs A`);
  for (const r of c.rows)
    out.push(
      `${r.label.padEnd(LABEL_WIDTH)}${value(r.a, r.unit).padStart(COLUMN_WIDTH)}${value(r.b, r.unit).padStart(COLUMN_WIDTH)}   ${delta(r.deltaPct)}${r.better ? `  (${r.better.toUpperCase()} better)` : ''}`,
    );
  if (ops.length > 0) {
    out.push('', 'Kernel time per run by op type (top 10)');
    for (const op of ops)
      out.push(
        `  ${op.opType.padEnd(LABEL_WIDTH - 2)}${formatMs(op.aMsPerRun).padStart(COLUMN_WIDTH)}${formatMs(op.bMsPerRun).padStart(COLUMN_WIDTH)}   ${delta(op.deltaPct)}`,
      );
  }
  if (c.caveats.length > 0) out.push('', 'Caveats', ...c.caveats.map((text) => `  - ${text}`));
  if (gate) out.push('', gateLine(gate, c.rows));
  return `${out.join('\n')}\n`;
}

export function gateLine(g: Gate, rows: ComparisonRow[]): string {
  const label = rows.find((r) => r.metric === g.metric)?.label ?? g.metric;
  const how = g.deltaPct >= 0 ? `${g.deltaPct.toFixed(2)} % slower` : `${(-g.deltaPct).toFixed(2)} % faster`;
  return `Gate ${g.failed ? 'FAILED' : 'passed'}: ${label} of B is ${how} than A (limit ${g.pct} % slower).`;
}

function value(v: number | null, unit: ComparisonRow['unit']): string {
  if (v === null) return 'n/a';
  switch (unit) {
    case 'ms':
      return formatMs(v);
    case 'bytes':
      return formatBytes(v);
    case 'pct':
      return `${v.toFixed(0)} %`;
    case 'perSec':
      return `${v.toFixed(v < 10 ? 2 : 1)} /s`;
    case 'tokensPerSec':
      return `${v.toFixed(1)} tok/s`;
  }
}

function delta(pct: number | null): string {
  if (pct === null) return '';
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`;
}
