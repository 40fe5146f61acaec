/**
 * A finished session's series in columns on disk (`series.bin`), beside its journal.
 * A one-hour session at 50 Hz journals 180,000 sample lines (~100–200 MB of JSON),
 * which take seconds to parse; the same numbers as Float64 columns load in tens of ms,
 * so the timeline opens in under a second. The file is a cache: it names the journal
 * size and mtime it was made from, and anything that does not match exactly (a stale,
 * torn or hostile file) is ignored and the journal is read instead.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SeriesInfo } from '../../shared/sample.js';
import { JOURNAL_FILE, writeFileAtomic } from './store.js';
import { GrowingColumn, SessionSeries } from './series-store.js';

export const SERIES_FILE = 'series.bin';
const MAGIC = Buffer.from('MDCOLS1\n');
/** Keeps a hostile header from asking for absurd allocations before the size check. */
const MAX_SERIES = 4096;

const Header = z.strictObject({
  journalBytes: z.number().int().nonnegative(),
  journalMtimeMs: z.number(),
  startMs: z.number(),
  endMs: z.number(),
  series: z.array(z.strictObject({ info: SeriesInfo, length: z.number().int().nonnegative() })).max(MAX_SERIES),
});
type Header = z.infer<typeof Header>;

function journalStamp(dir: string): { journalBytes: number; journalMtimeMs: number } {
  const stat = statSync(join(dir, JOURNAL_FILE));
  return { journalBytes: stat.size, journalMtimeMs: stat.mtimeMs };
}

export function writeSeriesFile(dir: string, series: SessionSeries): void {
  const described = series.described();
  const header: Header = {
    ...journalStamp(dir),
    startMs: series.startMs,
    endMs: series.endMs,
    series: described.map(({ info, column }) => ({ info, length: column.length })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(align8(MAGIC.length + 4 + json.length));
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(json.length, MAGIC.length);
  json.copy(prefix, MAGIC.length + 4);
  const parts: Uint8Array[] = [prefix];
  for (const { column } of described) {
    parts.push(bytesOf(column.tMs, column.length), bytesOf(column.values, column.length));
  }
  try {
    writeFileAtomic(join(dir, SERIES_FILE), Buffer.concat(parts));
  } catch (err) {
    // Only a cache: a read-only session folder still opens, from its journal.
    process.emitWarning(`could not write ${SERIES_FILE} in ${dir}: ${(err as Error).message}`);
  }
}

/** The columns, or null when the file is missing, stale or not exactly what this module writes. */
export function readSeriesFile(dir: string): SessionSeries | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, SERIES_FILE));
  } catch {
    return null; // no cache yet: the journal is read instead.
  }
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const jsonLength = bytes.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + jsonLength > bytes.length) return null;
  let header: Header;
  try {
    const parsed = Header.safeParse(
      JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLength)),
    );
    if (!parsed.success) return null;
    header = parsed.data;
  } catch {
    return null; // a header that is not JSON: a damaged cache.
  }
  const stamp = journalStamp(dir);
  if (stamp.journalBytes !== header.journalBytes || stamp.journalMtimeMs !== header.journalMtimeMs) return null;
  let offset = align8(MAGIC.length + 4 + jsonLength);
  const expected = offset + header.series.reduce((sum, s) => sum + s.length * 16, 0);
  if (expected !== bytes.length) return null;
  const series = new SessionSeries();
  series.ops = null;
  series.startMs = header.startMs;
  series.endMs = header.endMs;
  for (const { info, length } of header.series) {
    const tMs = floats(bytes, offset, length);
    const values = floats(bytes, offset + length * 8, length);
    offset += length * 16;
    series.addSeries([info]);
    series.columns.set(info.name, new GrowingColumn(tMs, values, length));
  }
  return series;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function bytesOf(array: Float64Array, length: number): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, length * 8);
}

/** Copies out so that the column owns an aligned buffer of its own. */
function floats(bytes: Buffer, offset: number, length: number): Float64Array<ArrayBuffer> {
  const copy = new Float64Array(Math.max(length, 1));
  new Uint8Array(copy.buffer).set(bytes.subarray(offset, offset + length * 8));
  return copy;
}
