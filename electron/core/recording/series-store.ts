/**
 * Hardware series of sessions, in columns (one time array and one value array per
 * series), so a window query is two binary searches and one pass. A running session's
 * columns grow as samples arrive; a stored one's are read from its journal once and
 * kept for the few sessions looked at last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeriesInfo } from '../../shared/sample.js';
import type { Sample } from '../../shared/sample.js';
import { OpEvent } from '../../shared/session.js';
import type { JournalRecord } from './journal-record.js';
import { JOURNAL_FILE } from './store.js';
import { readSeriesFile, writeSeriesFile } from './series-file.js';

export class GrowingColumn {
  constructor(
    public tMs: Float64Array<ArrayBuffer> = new Float64Array(1024),
    public values: Float64Array<ArrayBuffer> = new Float64Array(1024),
    public length = 0,
  ) {}

  push(t: number, v: number): void {
    if (this.length === this.tMs.length) {
      this.tMs = grow(this.tMs);
      this.values = grow(this.values);
    }
    this.tMs[this.length] = t;
    this.values[this.length] = v;
    this.length++;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export class SessionSeries {
  readonly columns = new Map<string, GrowingColumn>();
  readonly infos = new Map<string, SeriesInfo>();
  /**
   * ONNX Runtime's kernel events, in the order recorded (the profiler caps them at 1,000
   * runs); null until first asked for, since a stored session's are read separately.
   */
  ops: OpEvent[] | null = [];
  startMs = Number.POSITIVE_INFINITY;
  endMs = Number.NEGATIVE_INFINITY;

  addSeries(infos: readonly SeriesInfo[]): void {
    for (const info of infos) this.infos.set(info.name, info);
  }

  append(sample: Sample): void {
    // Samples arrive in time order; one out of order (a clock step) would break the binary search.
    if (sample.tMs < this.endMs) return;
    this.startMs = Math.min(this.startMs, sample.tMs);
    this.endMs = sample.tMs;
    for (const [name, value] of Object.entries(sample.values)) {
      if (!Number.isFinite(value)) continue;
      let column = this.columns.get(name);
      if (!column) this.columns.set(name, (column = new GrowingColumn()));
      column.push(sample.tMs, value);
    }
  }

  /** Series that have both a description and at least one value, in the order they were described. */
  described(): Array<{ info: SeriesInfo; column: GrowingColumn }> {
    return [...this.infos.values()].flatMap((info) => {
      const column = this.columns.get(info.name);
      return column ? [{ info, column }] : [];
    });
  }
}

/**
 * Reads a session's samples from its journal. Only sample and series lines are parsed
 * (JSON.parse and a shape check, not the whole record schema): a one-hour session at
 * 50 Hz has 180,000 sample lines. Lines that fail the check are skipped like a torn
 * journal line; a hostile file cannot put anything but finite numbers in a column.
 */
export function readSessionSeries(sessionDir: string, persist: boolean): SessionSeries {
  const path = join(sessionDir, JOURNAL_FILE);
  if (!existsSync(path)) return new SessionSeries();
  const cached = readSeriesFile(sessionDir);
  if (cached) return cached;
  const series = parseJournal(path);
  if (persist) writeSeriesFile(sessionDir, series);
  return series;
}

/** The columns of a session whose records are in memory (the recorder's, at the end). */
export function columnsFromRecords(records: readonly JournalRecord[]): SessionSeries {
  const series = new SessionSeries();
  for (const record of records) {
    if (record.type === 'sample') series.append(record.sample);
    else if (record.type === 'series') series.addSeries(record.series);
  }
  return series;
}

/** The op events of a stored session, read from its journal when first asked for. */
export function readSessionOps(sessionDir: string): OpEvent[] {
  const path = join(sessionDir, JOURNAL_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => (line.startsWith('{"type":"op"') ? (parseOp(line) ?? []) : []));
}

function parseJournal(path: string): SessionSeries {
  const series = new SessionSeries();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('{"type":"sample"')) {
      const sample = parseSample(line);
      if (sample) series.append(sample);
    } else if (line.startsWith('{"type":"op"')) {
      const op = parseOp(line);
      if (op) series.ops!.push(op);
    } else if (line.startsWith('{"type":"series"')) {
      const parsed = parseSeries(line);
      if (parsed) series.addSeries(parsed);
    }
  }
  return series;
}

function parseSample(line: string): Sample | null {
  try {
    const record = JSON.parse(line) as { sample?: { tMs?: unknown; values?: unknown } };
    const sample = record.sample;
    if (!sample || typeof sample.tMs !== 'number' || !Number.isFinite(sample.tMs)) return null;
    if (typeof sample.values !== 'object' || sample.values === null || Array.isArray(sample.values)) return null;
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(sample.values)) if (typeof value === 'number') values[name] = value;
    return { tMs: sample.tMs, values };
  } catch {
    return null; // a torn or corrupt line: the rest of the journal still loads.
  }
}

function parseSeries(line: string): SeriesInfo[] | null {
  try {
    const parsed = SeriesInfo.array().safeParse((JSON.parse(line) as { series?: unknown }).series);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // as above.
  }
}

function parseOp(line: string): OpEvent | null {
  try {
    const parsed = OpEvent.safeParse((JSON.parse(line) as { op?: unknown }).op);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // as above.
  }
}

/** The few stored sessions looked at last; running sessions are held by the service instead. */
export class SeriesCache {
  private readonly entries = new Map<string, SessionSeries>();

  constructor(private readonly capacity = 3) {}

  get(id: string, load: () => SessionSeries): SessionSeries {
    let series = this.entries.get(id);
    if (series) this.entries.delete(id);
    else series = load();
    this.entries.set(id, series);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return series;
  }

  set(id: string, series: SessionSeries): void {
    this.entries.delete(id);
    this.entries.set(id, series);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
