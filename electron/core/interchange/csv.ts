/**
 * CSV for spreadsheets and pandas: the samples (one row per sample time, one column per
 * series) and the per-op statistics. RFC 4180: CRLF line ends, fields with a comma,
 * quote or line break in double quotes, quotes doubled. Text cells that a spreadsheet
 * would run as a formula (a node named `=HYPERLINK(…)`) get a leading `'`, as OWASP's
 * CSV-injection advice says; numbers are written as numbers, so `-1.5` stays numeric.
 */
import { join } from 'node:path';
import type { ProfileResult } from '../../shared/session.js';
import { readSessionSeries, type GrowingColumn } from '../recording/series-store.js';
import { loadSession } from '../recording/store.js';

const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One text cell: formula-guarded, then quoted where RFC 4180 requires it. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One number cell; empty for a value that is absent or not finite. */
export function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}

function row(cells: string[]): string {
  return cells.join(',') + CRLF;
}

/**
 * Every series of the session: `t_ms`, then one column per series named by its key
 * (`cpu.total.busyPct`). Series sampled less often (GPU at 10 Hz) or that appeared
 * later (a disk, the worker) leave their cell empty at times they have no value.
 */
export function samplesCsv(root: string, sessionId: string): string {
  loadSession(root, sessionId); // checks the id and that the session exists
  const series = readSessionSeries(join(root, sessionId), false);
  const described = series.described();
  const describedNames = new Set(described.map((d) => d.info.name));
  const columns: Array<{ name: string; column: GrowingColumn }> = [
    ...described.map(({ info, column }) => ({ name: info.name, column })),
    // Values of a series whose description was lost (a torn journal) are still data.
    ...[...series.columns.entries()]
      .filter(([name]) => !describedNames.has(name))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, column]) => ({ name, column })),
  ];
  const times = unionOfTimes(columns.map((c) => c.column));
  const cursors = columns.map(() => 0);
  const parts: string[] = [row(['t_ms', ...columns.map((c) => csvText(c.name))])];
  for (const t of times) {
    const cells = [String(t)];
    columns.forEach(({ column }, i) => {
      const at = cursors[i]!;
      if (at < column.length && column.tMs[at] === t) {
        cells.push(csvNumber(column.values[at]));
        cursors[i] = at + 1;
      } else cells.push('');
    });
    parts.push(row(cells));
  }
  return parts.join('');
}

/** Sorted distinct sample times over all columns (each column is already in time order). */
function unionOfTimes(columns: GrowingColumn[]): Float64Array {
  const total = columns.reduce((sum, c) => sum + c.length, 0);
  const all = new Float64Array(total);
  let n = 0;
  for (const column of columns) {
    all.set(column.tMs.subarray(0, column.length), n);
    n += column.length;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[distinct - 1]) all[distinct++] = all[i]!;
  return all.subarray(0, distinct);
}

const OPS_HEADER = [
  'name',
  'op_type',
  'provider',
  'total_ms',
  'count',
  'mean_ms',
  'share_pct',
  'op_type_flops_per_run',
  'op_type_bytes_per_run',
  'op_type_flop_per_byte',
];

/**
 * Kernel time per node over the measured runs, largest first, with its op type's cost
 * per run from the cost model where it has a formula (empty where it has none).
 */
export function opsCsv(result: ProfileResult): string {
  const costs = new Map((result.cost?.byOpType ?? []).filter((c) => c.known).map((c) => [c.opType, c]));
  const parts = [row(OPS_HEADER)];
  for (const op of result.ops) {
    const cost = costs.get(op.opType);
    parts.push(
      row([
        csvText(op.name),
        csvText(op.opType),
        csvText(op.provider),
        csvNumber(op.totalMs),
        csvNumber(op.count),
        csvNumber(op.meanMs),
        csvNumber(op.pct),
        csvNumber(cost?.flops),
        csvNumber(cost?.bytes),
        csvNumber(cost && cost.bytes > 0 ? cost.flops / cost.bytes : null),
      ]),
    );
  }
  return parts.join('');
}
