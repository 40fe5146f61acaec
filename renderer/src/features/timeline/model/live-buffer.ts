/**
 * The samples of a running session as they arrive, in bounded columns. When a column
 * is full, each group of four points is folded into its minimum and maximum (in time
 * order): the buffer halves, the whole run stays drawable, and spikes survive, as in
 * the engine's downsampling. Memory is O(capacity) however long the run.
 */
import type { Sample, SeriesInfo } from '../../../../../electron/shared/sample.js';
import type { Column, Dataset } from './datasets.js';

export const LIVE_CAPACITY = 16_384;

class LiveColumn implements Column {
  tMs = new Float64Array(LIVE_CAPACITY);
  values = new Float64Array(LIVE_CAPACITY);
  length = 0;

  push(t: number, v: number): void {
    if (this.length === LIVE_CAPACITY) this.fold();
    this.tMs[this.length] = t;
    this.values[this.length] = v;
    this.length++;
  }

  /** Halves the column: each run of four points becomes its min and max in time order. */
  private fold(): void {
    let out = 0;
    for (let i = 0; i + 3 < this.length; i += 4) {
      let lo = i;
      let hi = i;
      for (let j = i + 1; j < i + 4; j++) {
        if (this.values[j]! < this.values[lo]!) lo = j;
        if (this.values[j]! > this.values[hi]!) hi = j;
      }
      const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
      this.tMs[out] = this.tMs[a]!;
      this.values[out++] = this.values[a]!;
      this.tMs[out] = this.tMs[b]!;
      this.values[out++] = this.values[b]!;
    }
    this.length = out;
  }
}

export class LiveBuffer {
  private readonly columns = new Map<string, LiveColumn>();
  readonly infos = new Map<string, SeriesInfo>();
  startMs = Number.POSITIVE_INFINITY;
  endMs = Number.NEGATIVE_INFINITY;
  private samples = 0;

  describe(infos: readonly SeriesInfo[]): void {
    for (const info of infos) if (!this.infos.has(info.name)) this.infos.set(info.name, info);
  }

  /** Appends a sample; one older than the newest held (a replayed one) is ignored. */
  append(sample: Sample): boolean {
    if (sample.tMs <= this.endMs) return false;
    this.startMs = Math.min(this.startMs, sample.tMs);
    this.endMs = sample.tMs;
    this.samples++;
    for (const name in sample.values) {
      const value = sample.values[name]!;
      if (!Number.isFinite(value)) continue;
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = new LiveColumn()));
      column.push(sample.tMs, value);
    }
    return true;
  }

  /** Seeds the buffer with columns the engine already holds (the run so far), oldest first. */
  seed(columns: ReadonlyMap<string, Column>): void {
    const times = new Set<number>();
    for (const column of columns.values()) for (let i = 0; i < column.length; i++) times.add(column.tMs[i]!);
    const ordered = [...times].sort((a, b) => a - b);
    const cursor = new Map<string, number>([...columns.keys()].map((name) => [name, 0]));
    for (const t of ordered) {
      const values: Record<string, number> = {};
      for (const [name, column] of columns) {
        const i = cursor.get(name)!;
        if (i < column.length && column.tMs[i] === t) {
          values[name] = column.values[i]!;
          cursor.set(name, i + 1);
        }
      }
      this.append({ tMs: t, values });
    }
  }

  get sampleCount(): number {
    return this.samples;
  }

  /** A view of the buffer as a dataset; the arrays are shared, not copied. */
  dataset(): Dataset | null {
    if (this.samples === 0) return null;
    let pointCount = 0;
    for (const column of this.columns.values()) pointCount += column.length;
    return {
      range: { fromMs: this.startMs, toMs: this.endMs },
      columns: this.columns,
      rawCount: pointCount,
      pointCount,
    };
  }
}
