/**
 * What the tracks draw from: columns per series over a covered window. The engine's
 * answers and the live buffer are both datasets; of those at hand the tracks draw the
 * finest one that covers the visible window, so a zoom redraws at once from the data it
 * already has and sharpens when the engine's answer for the new window arrives.
 */
import type { SeriesWindow } from '../../../../../electron/shared/api.js';
import { covers, spanOf, type TimeWindow } from './window.js';

export interface Column {
  tMs: ArrayLike<number>;
  values: ArrayLike<number>;
  length: number;
}

export interface Dataset {
  /** The window the data is complete for. */
  range: TimeWindow;
  columns: ReadonlyMap<string, Column>;
  /** Samples in the range before the engine downsampled them (all series together). */
  rawCount: number;
  /** Points held (all series together). */
  pointCount: number;
}

export function datasetFromWindow(window: SeriesWindow): Dataset {
  const columns = new Map<string, Column>();
  let rawCount = 0;
  let pointCount = 0;
  for (const series of window.series) {
    columns.set(series.info.name, { tMs: series.tMs, values: series.values, length: series.tMs.length });
    rawCount += series.rawCount;
    pointCount += series.tMs.length;
  }
  return { range: { fromMs: window.fromMs, toMs: window.toMs }, columns, rawCount, pointCount };
}

/** The covering dataset with the narrowest range (the finest); else the widest one there is. */
export function pickDataset(candidates: ReadonlyArray<Dataset | null>, window: TimeWindow): Dataset | null {
  let best: Dataset | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (!best) {
      best = candidate;
      continue;
    }
    const bestCovers = covers(best.range, window);
    const candidateCovers = covers(candidate.range, window);
    if (candidateCovers && (!bestCovers || spanOf(candidate.range) < spanOf(best.range))) best = candidate;
    else if (!candidateCovers && !bestCovers && spanOf(candidate.range) > spanOf(best.range)) best = candidate;
  }
  return best;
}

/** The sample of a column nearest to `tMs`, or null for an empty column. */
export function nearestSample(column: Column, tMs: number): { tMs: number; value: number } | null {
  if (column.length === 0) return null;
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column.tMs[mid]! < tMs) lo = mid + 1;
    else hi = mid;
  }
  const right = Math.min(lo, column.length - 1);
  const left = Math.max(0, lo - 1);
  const pick = Math.abs(column.tMs[left]! - tMs) <= Math.abs(column.tMs[right]! - tMs) ? left : right;
  return { tMs: column.tMs[pick]!, value: column.values[pick]! };
}
