/**
 * `.dyno` session files: one session as one gzip-compressed JSON document, to send to
 * someone who then opens it in their own ModelDyno. The document holds the summary and
 * every journal record, the samples in columns (dyno-samples.ts says why); `series.bin` is rebuilt from the records on import (it is a
 * cache), and ONNX Runtime's own `ort-profile.json` is left out: its kernel events are
 * already in the journal as op records, and it is the largest file of a session (1.07 MB
 * beside a 0.29 MB journal for a 15-run decoder session), mostly per-thread statistics
 * no view of ModelDyno reads.
 *
 * Export is canonical — records in journal order, fields in schema order (zod's output),
 * fixed gzip level, zero mtime and a fixed OS byte in the gzip header — so
 * export → import → export gives the same bytes on any machine with the same zlib.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { DynoError } from '../../shared/errors.js';
import { ProfileResult, SCHEMA_VERSION } from '../../shared/session.js';
import { readJournal } from '../recording/journal.js';
import { JournalRecord } from '../recording/journal-record.js';
import { writeSeriesFile } from '../recording/series-file.js';
import { columnsFromRecords } from '../recording/series-store.js';
import { JOURNAL_FILE, loadSession, writeFileAtomic, writeSummary } from '../recording/store.js';
import { mergeSamples, SampleColumns, splitSamples } from './dyno-samples.js';
import { describeIssues, MAX_JSON_BYTES, mib, parseBoundedJson } from './json-guard.js';

export const DYNO_FORMAT = 'modeldyno-session';

/** A `.dyno` of a one-hour 50 Hz session is expected well under 100 MiB; anything larger is refused unread. */
export const MAX_DYNO_BYTES = 256 * 1024 * 1024;

/** Level 9: export runs once per file shared, and the bench target is on file size. */
const GZIP_LEVEL = 9;
/** RFC 1952 "unknown" OS: zlib writes the build platform's code, which would differ across machines. */
const GZIP_OS_UNKNOWN = 0xff;

/**
 * Session ids name a folder under the sessions root: letters, digits, `_`, `.` and `-`
 * only, so that no imported id can reach outside it (`../x`, `/etc`, `C:\`).
 */
const SessionId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'must be 1–128 of A–Z a–z 0–9 _ . -')
  .refine((id) => id !== '.' && id !== '..', 'must not be . or ..');

export const DynoDocument = z.strictObject({
  format: z.literal(DYNO_FORMAT),
  schemaVersion: z.literal(SCHEMA_VERSION),
  summary: ProfileResult,
  /** Every journal record but the samples, in journal order. */
  journal: z.array(
    JournalRecord.refine((record) => record.type !== 'sample', 'sample records belong in samples, in columns'),
  ),
  samples: SampleColumns,
});
export type DynoDocument = z.infer<typeof DynoDocument>;

/** The session as a `.dyno` file. A running session cannot be exported: its journal still grows. */
export function exportDyno(root: string, sessionId: string): Buffer {
  const { result } = loadSession(root, sessionId);
  if (result.status === 'running') {
    throw new DynoError('busy', `Session ${sessionId} is still running; export it once it has ended.`);
  }
  const journalPath = join(root, sessionId, JOURNAL_FILE);
  const journal = existsSync(journalPath) ? readJournal(journalPath).records : [];
  // Both parts were validated as they were read (loadSession, readJournal), in schema order.
  const document = {
    format: DYNO_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    summary: result,
    ...splitSamples(journal),
  };
  return gzipCanonical(Buffer.from(JSON.stringify(document)));
}

function gzipCanonical(bytes: Uint8Array): Buffer {
  const gz = gzipSync(bytes, { level: GZIP_LEVEL });
  // RFC 1952 header: bytes 4–7 MTIME (Node writes 0, kept explicit), byte 9 OS. No FHCRC
  // flag is set, so changing them invalidates nothing.
  gz.writeUInt32LE(0, 4);
  gz[9] = GZIP_OS_UNKNOWN;
  return gz;
}

/**
 * Writes the session of a `.dyno` file under `root` and returns its id. Everything is
 * checked before anything is written; the folder appears complete or not at all. An id
 * that already exists is refused (`busy`) rather than renamed, so an imported session
 * keeps the id its sender sees.
 */
export function importDyno(bytes: Uint8Array, root: string): string {
  const { summary, records } = parseDyno(bytes);
  const id = summary.sessionId;
  const dir = join(root, id);
  if (existsSync(dir)) throw alreadyThere(id, root);
  mkdirSync(root, { recursive: true });
  const staging = join(root, `.import-${id}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    writeFileAtomic(join(staging, JOURNAL_FILE), lines);
    writeSummary(staging, summary);
    // After the journal: series.bin names the journal's size and mtime, which a rename keeps.
    writeSeriesFile(staging, columnsFromRecords(records));
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (isCode(err, 'ENOTEMPTY') || isCode(err, 'EEXIST')) throw alreadyThere(id, root);
    throw err;
  }
  return id;
}

/** Decompresses, parses and validates a `.dyno` file; every failure says what is wrong. */
export function parseDyno(bytes: Uint8Array): { summary: ProfileResult; records: JournalRecord[] } {
  if (bytes.length > MAX_DYNO_BYTES) {
    throw invalid(`The file is ${mib(bytes.length)}; a .dyno file is at most ${mib(MAX_DYNO_BYTES)}.`);
  }
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw invalid('The file is not gzip-compressed; it is not a .dyno session file.');
  }
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: MAX_JSON_BYTES });
  } catch (err) {
    if (isCode(err, 'ERR_BUFFER_TOO_LARGE')) {
      throw invalid(`The file decompresses to more than ${mib(MAX_JSON_BYTES)}; it is refused.`);
    }
    throw invalid(`The file's gzip data is damaged: ${(err as Error).message}`);
  }
  const value = parseBoundedJson(json, 'The session document');
  checkEnvelope(value);
  const parsed = DynoDocument.safeParse(value);
  if (!parsed.success) throw invalid(`The session file is not valid: ${describeIssues(parsed.error.issues)}`);
  const document = parsed.data;
  const id = SessionId.safeParse(document.summary.sessionId);
  if (!id.success) {
    throw invalid(`summary.sessionId: ${JSON.stringify(document.summary.sessionId)} ${id.error.issues[0]!.message}`);
  }
  const header = document.journal[0];
  if (header?.type !== 'header') throw invalid('journal[0]: expected the header record');
  if (header.sessionId !== document.summary.sessionId) {
    throw invalid(`journal[0].sessionId: ${header.sessionId} differs from summary.sessionId`);
  }
  const records = mergeSamples(document.journal, document.samples);
  if (!Array.isArray(records)) throw invalid(`${records.path}: ${records.message}`);
  return { summary: document.summary, records };
}

/** Format and version first, so a newer file is told apart from a broken one. */
function checkEnvelope(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('The session document is not a JSON object.');
  }
  const { format, schemaVersion } = value as { format?: unknown; schemaVersion?: unknown };
  if (format !== DYNO_FORMAT) {
    throw invalid(`format: expected "${DYNO_FORMAT}", found ${JSON.stringify(format) ?? 'nothing'}`);
  }
  if (schemaVersion !== SCHEMA_VERSION) {
    throw invalid(
      `schemaVersion: this ModelDyno reads version ${SCHEMA_VERSION}, the file has ${JSON.stringify(schemaVersion) ?? 'none'}`,
    );
  }
}

function invalid(message: string): DynoError {
  return new DynoError('session-invalid', message);
}

function alreadyThere(id: string, root: string): DynoError {
  return new DynoError('busy', `Session ${id} is already imported in ${root}; delete it first to import it again.`);
}

function isCode(err: unknown, code: string): boolean {
  return (err as { code?: unknown } | null)?.code === code;
}
