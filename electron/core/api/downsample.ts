/**
 * Min/max-preserving downsampling for charts. recharts' SVG costs ~0.9 s for a first
 * render of 2,000 points and ~6 s for 100,000 (DESIGN.md), so charts get at most
 * ~1,500 points per series; a plain stride or average would hide exactly the spikes a
 * profiler exists to show, so each bucket keeps its minimum and its maximum, in time order.
 */

export interface Column {
  tMs: Float64Array;
  values: Float64Array;
  length: number;
}

export interface Points {
  tMs: number[];
  values: number[];
  /** Points of the column inside the window, before downsampling. */
  rawCount: number;
}

/** First index with `tMs[i] >= t` (binary search: columns are in time order). */
export function lowerBound(tMs: ArrayLike<number>, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tMs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points of `column` in [fromMs, toMs], at most `maxPoints`, plus the nearest point
 * on each side of the window so a line reaches the chart's edges.
 */
export function downsample(column: Column, fromMs: number, toMs: number, maxPoints: number): Points {
  const first = lowerBound(column.tMs, column.length, fromMs);
  const end = lowerBound(column.tMs, column.length, toMs + Number.EPSILON * Math.abs(toMs) + 1e-9);
  const rawCount = Math.max(0, end - first);
  const out: Points = { tMs: [], values: [], rawCount };
  const push = (i: number) => {
    out.tMs.push(column.tMs[i]!);
    out.values.push(column.values[i]!);
  };
  if (first > 0) push(first - 1);
  const budget = Math.max(2, maxPoints - (first > 0 ? 1 : 0) - (end < column.length ? 1 : 0));
  if (rawCount <= budget) {
    for (let i = first; i < end; i++) push(i);
  } else {
    bucketMinMax(column, first, end, Math.floor(budget / 2), push);
  }
  if (end < column.length) push(end);
  return out;
}

/** Splits [first, end) into `buckets` equal index ranges and keeps each one's min and max. */
function bucketMinMax(column: Column, first: number, end: number, buckets: number, push: (i: number) => void): void {
  const size = (end - first) / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = first + Math.floor(b * size);
    const stop = Math.min(end, first + Math.floor((b + 1) * size));
    if (stop <= start) continue;
    const values = column.values;
    let min = start;
    let max = start;
    let minValue = values[start]!;
    let maxValue = minValue;
    for (let i = start + 1; i < stop; i++) {
      const v = values[i]!;
      if (v < minValue) {
        minValue = v;
        min = i;
      } else if (v > maxValue) {
        maxValue = v;
        max = i;
      }
    }
    if (min === max) push(min);
    else if (min < max) {
      push(min);
      push(max);
    } else {
      push(max);
      push(min);
    }
  }
}
