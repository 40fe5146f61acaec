/**
 * Sessions on disk: one folder each under the sessions root, holding `journal.ndjson`
 * (appended while running), `ort-profile.json` (ONNX Runtime's own trace) and
 * `session.json` (the summary, written atomically once the session ends).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { DynoError } from '../../shared/errors.js';
import type { Sample } from '../../shared/sample.js';
import { type OpEvent, ProfileResult, type SessionStatus } from '../../shared/session.js';
import { readJournal } from './journal.js';
import { summarise } from './summarise.js';

export const JOURNAL_FILE = 'journal.ndjson';
export const SUMMARY_FILE = 'session.json';

/** `--sessions DIR`, else `$MODELDYNO_HOME/sessions`, else `~/.modeldyno/sessions`. */
export function sessionsRoot(override?: string): string {
  if (override) return override;
  const home = process.env.MODELDYNO_HOME || join(homedir(), '.modeldyno');
  return join(home, 'sessions');
}

/** Ids sort by start time and say which model they profiled: `20261129-013500-mlp-3f2a`. */
export function newSessionId(modelPath: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const model =
    basename(modelPath, extname(modelPath))
      .replace(/[^A-Za-z0-9_.-]/g, '_')
      .slice(0, 40) || 'model';
  return `${stamp}-${model}-${randomBytes(2).toString('hex')}`;
}

export function createSessionDir(root: string, id: string): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** temp file, fsync, rename, fsync of the folder: a reader sees the old file or the new one. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      // A single write may be short for large buffers; loop until everything is written.
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    // A failed write (full disk, a folder in the way) must not leave its temp file behind.
    rmSync(temp, { force: true });
    throw err;
  }
  const dirFd = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

export function writeSummary(dir: string, result: ProfileResult): void {
  writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(result, null, 2)}\n`);
}

export interface StoredSession {
  result: ProfileResult;
  /** The journal ended mid-record (the writer was killed while writing). */
  truncated: boolean;
}

/** Loads the summary, or rebuilds it from the journal of a session that never ended. */
export function loadSession(root: string, id: string): StoredSession {
  const dir = join(root, id);
  if (/[/\\]|^\.\.?$/.test(id) || !existsSync(dir)) {
    throw new DynoError('session-not-found', `No session "${id}" in ${root}. List them with \`modeldyno sessions\`.`);
  }
  const summaryPath = join(dir, SUMMARY_FILE);
  if (existsSync(summaryPath)) {
    const parsed = ProfileResult.safeParse(parseOrNull(readFileSync(summaryPath, 'utf8')));
    if (parsed.success) return { result: parsed.data, truncated: false };
  }
  const journalPath = join(dir, JOURNAL_FILE);
  if (!existsSync(journalPath)) {
    throw new DynoError('session-invalid', `Session ${id} has neither ${SUMMARY_FILE} nor ${JOURNAL_FILE}.`);
  }
  const journal = readJournal(journalPath);
  const header = journal.records.find((r) => r.type === 'header');
  const status: SessionStatus = header?.type === 'header' && isAlive(header.hostPid) ? 'running' : 'incomplete';
  return { result: summarise(journal.records, status), truncated: journal.truncated };
}

/** A session's summary with the samples and op events of its journal, for analysis. */
export function loadSessionData(
  root: string,
  id: string,
): {
  result: ProfileResult;
  samples: Sample[];
  opEvents: OpEvent[];
  requests: Array<{ warmup: boolean; tokenRuns: number[] }>;
} {
  const { result } = loadSession(root, id);
  const journalPath = join(root, id, JOURNAL_FILE);
  const records = existsSync(journalPath) ? readJournal(journalPath).records : [];
  return {
    result,
    samples: records.flatMap((r) => (r.type === 'sample' ? [r.sample] : [])),
    opEvents: records.flatMap((r) => (r.type === 'op' ? [r.op] : [])),
    requests: records.flatMap((r) => (r.type === 'llm-request' ? [r] : [])),
  };
}

/** Every session under the root, newest first; unreadable folders are skipped, not fatal. */
export function listSessions(root: string): StoredSession[] {
  if (!existsSync(root)) return [];
  const sessions: StoredSession[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      sessions.push(loadSession(root, entry.name));
    } catch {
      // A folder that is not a session (or is damaged beyond reading) is not listed.
    }
  }
  return sessions.sort((a, b) => b.result.startedAt.localeCompare(a.result.startedAt));
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A damaged summary (not JSON) is rebuilt from the journal like a missing one, not fatal. */
function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // the journal is the truth; the summary is only its cache.
  }
}
