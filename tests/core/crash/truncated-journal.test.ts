/**
 * A journal cut at every byte offset, as a kill (or a full disk) can leave it. Readers
 * must keep every complete record, say whether the cut tore one, and never throw.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../../electron/core/recording/journal.js';
import type { JournalRecord } from '../../../electron/core/recording/journal-record.js';
import { JOURNAL_FILE, listSessions, loadSession, SUMMARY_FILE } from '../../../electron/core/recording/store.js';
import { summarise } from '../../../electron/core/recording/summarise.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { runCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { seededRandom } from './seeded.js';

let sessions: string;
let bytes: Buffer;
let records: JournalRecord[];
/** Byte offset of each line's newline: line i is whole in a cut at k ≥ lineEnds[i]. */
let lineEnds: number[];

beforeAll(async () => {
  // A real session, small (one run, ~17 KB), recorded by a host that has exited since: a
  // journal without an end record then reads as `incomplete`, not `running`. At 20 Hz the
  // worker's start-up alone outlasts a period, so it holds samples however fast the machine
  // (at 2 Hz a quick CI machine finished the session before the first tick).
  sessions = tempDir('crash-journal');
  const args = ['profile', modelPath('mlp.onnx'), '--runs', '1', '--warmup', '0', '--hz', '20', '--no-op-profile'];
  const profiled = await runCli([...args, '--sessions', sessions]);
  expect(profiled.code).toBe(0);
  const [id] = readdirSync(sessions);
  bytes = readFileSync(join(sessions, id!, JOURNAL_FILE));
  const whole = readJournal(join(sessions, id!, JOURNAL_FILE));
  expect(whole).toMatchObject({ truncated: false, invalidLines: 0 });
  records = whole.records;
  lineEnds = [];
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lineEnds.push(at);
  expect(lineEnds).toHaveLength(records.length);
  expect(records.at(-1)).toEqual({ type: 'end', status: 'complete' });
  expect(records.some((r) => r.type === 'sample')).toBe(true);
}, 60_000);

/**
 * One file rewritten ~10,000 times: on tmpfs where there is one (on this VM's disk each
 * truncating write costs ~2 ms, on tmpfs ~10 µs).
 */
const scratch = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/dyno-cut-') : tempDir('crash-cut');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a cut at byte `cut` keeps: the lines whose last byte is in (newline or not), and whether it tore one. */
function cutAt(cut: number): { whole: number; torn: boolean } {
  const whole = lineEnds.filter((end) => end <= cut).length;
  const lineStart = whole === 0 ? 0 : lineEnds[whole - 1]! + 1;
  return { whole, torn: cut > lineStart && cut < (lineEnds[whole] ?? bytes.length) };
}

describe('a journal truncated at every byte offset', () => {
  it('reads exactly the complete records before the cut, says whether it tore one, and summarises them', () => {
    const path = join(scratch, 'every-offset.ndjson');
    // Deep equality through expect costs more than the readers under test: compare JSON.
    const expected = [...records.map((_, whole) => JSON.stringify(records.slice(0, whole))), JSON.stringify(records)];
    let tornCuts = 0;
    for (let cut = 0; cut <= bytes.length; cut++) {
      writeFileSync(path, bytes.subarray(0, cut));
      const { whole, torn } = cutAt(cut);
      const journal = readJournal(path);
      if (JSON.stringify(journal.records) !== expected[whole])
        expect(journal.records, `cut at ${cut}`).toEqual(records.slice(0, whole));
      if (journal.truncated !== torn || journal.invalidLines !== 0)
        expect(journal, `cut at ${cut}`).toMatchObject({ truncated: torn, invalidLines: 0 });
      if (torn) tornCuts++;
      // Without its header a journal names no session: a typed refusal, not a crash.
      if (whole === 0) expect(() => summarise(journal.records, 'incomplete')).toThrow(DynoError);
      else summarise(journal.records, 'incomplete');
    }
    // Every offset but the line boundaries (and the byte before each newline) tears a line.
    expect(tornCuts).toBe(bytes.length + 1 - 1 - 2 * records.length);
  });

  it('loads as a session, incomplete until its end record, with the runs and samples kept', () => {
    // loadSession is readJournal plus summarise, both checked at every offset above; here
    // each line boundary and, within each line, its first, last and two seeded torn offsets.
    const random = seededRandom(31);
    const cuts = new Set<number>([0]);
    let lineStart = 0;
    for (const end of lineEnds) {
      const inside = () => lineStart + 1 + Math.floor(random() * (end - lineStart - 1));
      for (const cut of [lineStart + 1, inside(), inside(), end - 1, end, end + 1]) cuts.add(cut);
      lineStart = end + 1;
    }
    const id = 'cut-session';
    mkdirSync(join(scratch, id));
    const seen = new Set<string>();
    for (const cut of cuts) {
      writeFileSync(join(scratch, id, JOURNAL_FILE), bytes.subarray(0, cut));
      const { whole, torn } = cutAt(cut);
      if (whole === 0) {
        expect(() => loadSession(scratch, id), `cut at ${cut}`).toThrow(/no header record/);
        continue;
      }
      const kept = records.slice(0, whole);
      const { result, truncated } = loadSession(scratch, id);
      expect(
        { status: result.status, truncated, runs: result.runs.length, samples: result.sampler.samples },
        `cut at ${cut}`,
      ).toEqual({
        status: kept.some((r) => r.type === 'end') ? 'complete' : 'incomplete',
        truncated: torn,
        runs: kept.filter((r) => r.type === 'run').length,
        samples: kept.filter((r) => r.type === 'sample').length,
      });
      seen.add(`${result.status}${truncated ? ' torn' : ''}`);
    }
    expect([...seen].sort()).toEqual(['complete', 'incomplete', 'incomplete torn']);
  });
});

describe('a damaged session.json', () => {
  it.each([
    ['cut in half', (summary: Buffer) => summary.subarray(0, summary.length >> 1)],
    ['empty', () => Buffer.alloc(0)],
    ['valid JSON of the wrong shape', () => Buffer.from('{"status":"complete"}')],
  ])('is rebuilt from the journal and still listed when %s', (_name, damage) => {
    const [id] = readdirSync(sessions);
    const summaryPath = join(sessions, id!, SUMMARY_FILE);
    const original = readFileSync(summaryPath);
    const before = loadSession(sessions, id!).result;
    writeFileSync(summaryPath, damage(original));
    try {
      const listed = listSessions(sessions);
      expect(listed.map((s) => s.result.sessionId)).toEqual([id]);
      expect(listed[0]!.result.status).toBe('complete');
      expect(listed[0]!.result.runs).toEqual(before.runs);
      expect(listed[0]!.result.sampler.samples).toBe(before.sampler.samples);
    } finally {
      writeFileSync(summaryPath, original);
    }
  });
});
