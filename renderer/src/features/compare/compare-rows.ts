/**
 * Two sessions side by side as the Compare screen reads them: which pair to start with,
 * how each row's values and delta print, and which side the colour favours.
 */
import type { ComparisonRow, SessionSummary } from '../../../../electron/shared/api.js';
import { formatBytes, formatMs, formatPct } from '../../../../electron/shared/format.js';

/**
 * A starting pair: B, the session judged, is the current one (else the newest); A, its
 * baseline, the previous session of the same model file, else the next older session of
 * any model. Deltas then read "what changed since before". Sessions arrive newest first.
 */
export function defaultPair(
  sessions: readonly SessionSummary[],
  currentId: string | null,
): { a: string | null; b: string | null } {
  const judged = sessions.find((s) => s.sessionId === currentId) ?? sessions[0];
  if (!judged) return { a: null, b: null };
  const index = sessions.indexOf(judged);
  const older = [...sessions.slice(index + 1), ...sessions.slice(0, index)];
  const baseline = older.find((s) => s.modelPath === judged.modelPath) ?? older[0];
  return { a: baseline?.sessionId ?? null, b: judged.sessionId };
}

export type Tone = 'better' | 'worse' | 'even';

/** B is the session being judged against A: green when B wins the row, red when A does. */
export function deltaTone(row: ComparisonRow): Tone {
  return row.better === 'b' ? 'better' : row.better === 'a' ? 'worse' : 'even';
}

/** A row's value with its unit. */
export function formatValue(unit: ComparisonRow['unit'], value: number | null): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'bytes':
      return formatBytes(value);
    case 'pct':
      return formatPct(value, 1);
    case 'perSec':
      return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}/s`;
    case 'tokensPerSec':
      return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} tok/s`;
  }
}

/** `+12.3 %` / `−4.0 %`, with a true minus sign; `n/a` when either side is missing. */
export function formatDelta(deltaPct: number | null): string {
  if (deltaPct === null || Number.isNaN(deltaPct)) return 'n/a';
  const sign = deltaPct > 0 ? '+' : deltaPct < 0 ? '−' : '±';
  return `${sign}${Math.abs(deltaPct).toFixed(1)} %`;
}

export interface TimeBar {
  label: string;
  a: number | null;
  b: number | null;
}

/** Metrics that happen once per session: load and first run, kept apart from per-inference times. */
const STARTUP_METRICS = new Set(['loadMs', 'createMs', 'firstRunMs']);

/**
 * The time rows split in two charts so each has one scale: startup (model read, create,
 * first run: tens to thousands of ms) and per inference (latency percentiles, TTFT, TPOT).
 */
export function timeBars(rows: readonly ComparisonRow[]): { startup: TimeBar[]; perInference: TimeBar[] } {
  const bars = (pick: (row: ComparisonRow) => boolean) =>
    rows.filter((row) => row.unit === 'ms' && pick(row)).map((row) => ({ label: row.label, a: row.a, b: row.b }));
  return {
    startup: bars((row) => STARTUP_METRICS.has(row.metric)),
    perInference: bars((row) => !STARTUP_METRICS.has(row.metric)),
  };
}

/** A session as a picker option: model, start time and status. */
export function sessionLabel(s: SessionSummary): string {
  const when = s.startedAt.replace('T', ' ').slice(0, 19);
  return `${s.modelName} · ${when}${s.status === 'complete' ? '' : ` · ${s.status}`}${s.llm ? ' · LLM' : ''}`;
}
