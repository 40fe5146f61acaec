/**
 * Pixel-column reduction for drawing (M4: first, min, max and last value of each column).
 * Drawing the four points of every column is pixel-identical to drawing every sample,
 * so a line costs O(columns) canvas calls however many samples fall in the window, and
 * a one-sample spike still reaches its full height.
 */

/** Columns of one series over a window; `count[i] === 0` marks an empty column. */
export interface PixelColumns {
  width: number;
  first: Float64Array;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
  count: Uint32Array;
  /** The nearest sample left of the window and right of it, so lines reach the edges. */
  before: { tMs: number; value: number } | null;
  after: { tMs: number; value: number } | null;
}

/** First index with `tMs[i] >= t`. */
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

/** Reduces the samples in [fromMs, toMs) to `width` columns. */
export function pixelColumns(
  tMs: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  fromMs: number,
  toMs: number,
  width: number,
): PixelColumns {
  const cols = Math.max(1, Math.floor(width));
  const out: PixelColumns = {
    width: cols,
    first: new Float64Array(cols),
    min: new Float64Array(cols),
    max: new Float64Array(cols),
    last: new Float64Array(cols),
    count: new Uint32Array(cols),
    before: null,
    after: null,
  };
  const start = lowerBound(tMs, length, fromMs);
  const perMs = toMs > fromMs ? cols / (toMs - fromMs) : 0;
  let i = start;
  for (; i < length; i++) {
    const t = tMs[i]!;
    if (t >= toMs) break;
    const v = values[i]!;
    const c = Math.min(cols - 1, Math.floor((t - fromMs) * perMs));
    if (out.count[c] === 0) {
      out.first[c] = v;
      out.min[c] = v;
      out.max[c] = v;
    } else {
      if (v < out.min[c]!) out.min[c] = v;
      if (v > out.max[c]!) out.max[c] = v;
    }
    out.last[c] = v;
    out.count[c]!++;
  }
  if (start > 0) out.before = { tMs: tMs[start - 1]!, value: values[start - 1]! };
  if (i < length) out.after = { tMs: tMs[i]!, value: values[i]! };
  return out;
}

/** The largest value drawn in the columns (edges included), or null when nothing is. */
export function columnsMax(columns: PixelColumns): number | null {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < columns.width; c++) if (columns.count[c]! > 0 && columns.max[c]! > max) max = columns.max[c]!;
  if (max === Number.NEGATIVE_INFINITY) {
    // Zoomed between two samples: the line between the neighbours is what shows.
    const edges = [columns.before?.value, columns.after?.value].filter((v): v is number => v !== undefined);
    return edges.length > 0 ? Math.max(...edges) : null;
  }
  return max;
}

/**
 * The polyline of the columns as flat [x, y] pairs in pixel space: each column's first,
 * min, max and last (fewer when they coincide), led in and out by the edge samples.
 */
export function columnPolyline(
  columns: PixelColumns,
  fromMs: number,
  toMs: number,
  yOf: (value: number) => number,
): number[] {
  const points: number[] = [];
  const perMs = toMs > fromMs ? columns.width / (toMs - fromMs) : 0;
  if (columns.before) points.push((columns.before.tMs - fromMs) * perMs, yOf(columns.before.value));
  for (let c = 0; c < columns.width; c++) {
    if (columns.count[c] === 0) continue;
    const x = c + 0.5;
    const first = columns.first[c]!;
    const last = columns.last[c]!;
    points.push(x, yOf(first));
    if (columns.count[c]! > 1) {
      // Extremes in the order that keeps the line's direction: toward the last value last.
      const lo = yOf(columns.min[c]!);
      const hi = yOf(columns.max[c]!);
      if (last >= first) points.push(x, lo, x, hi);
      else points.push(x, hi, x, lo);
      points.push(x, yOf(last));
    }
  }
  if (columns.after) points.push((columns.after.tMs - fromMs) * perMs, yOf(columns.after.value));
  return points;
}

/**
 * The line between columns as flat [x, y] pairs: each column's first and last value
 * (one point when they are equal), led in and out by the edge samples. Drawn with
 * `columnExtents`, it shows exactly what `columnPolyline` shows with half the path.
 */
export function columnConnectors(
  columns: PixelColumns,
  fromMs: number,
  toMs: number,
  yOf: (value: number) => number,
): number[] {
  const points: number[] = [];
  const perMs = toMs > fromMs ? columns.width / (toMs - fromMs) : 0;
  if (columns.before) points.push((columns.before.tMs - fromMs) * perMs, yOf(columns.before.value));
  for (let c = 0; c < columns.width; c++) {
    if (columns.count[c] === 0) continue;
    points.push(c + 0.5, yOf(columns.first[c]!));
    if (columns.last[c] !== columns.first[c]) points.push(c + 0.5, yOf(columns.last[c]!));
  }
  if (columns.after) points.push((columns.after.tMs - fromMs) * perMs, yOf(columns.after.value));
  return points;
}

/** Each column holding several samples as [x, yTop, yBottom] triples: the span its values cover. */
export function columnExtents(columns: PixelColumns, yOf: (value: number) => number): number[] {
  const extents: number[] = [];
  for (let c = 0; c < columns.width; c++) {
    if (columns.count[c]! < 2) continue;
    extents.push(c, yOf(columns.max[c]!), yOf(columns.min[c]!));
  }
  return extents;
}
