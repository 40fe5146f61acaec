import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../../electron/core/recording/journal.js';
import type { JournalRecord } from '../../../electron/core/recording/journal-record.js';
import { defaultSettings } from '../../../electron/shared/session.js';

const records: JournalRecord[] = [
  {
    type: 'header',
    schemaVersion: 1,
    sessionId: 's1',
    startedAt: '2026-11-29T00:00:00.000Z',
    hostPid: 1,
    modelPath: 'm.onnx',
    settings: defaultSettings,
  },
  { type: 'sample', sample: { tMs: 1.5, values: { 'cpu.total.busyPct': 50, 'proc.rssBytes': 1e6 } } },
  { type: 'run', run: { index: 0, warmup: false, startMs: 2, durationMs: 3.25, ortMs: null } },
  { type: 'sample', sample: { tMs: 51.5, values: { 'cpu.total.busyPct': 99 } } },
  { type: 'end', status: 'complete' },
];

function writeJournal(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dyno-journal-')), 'journal.ndjson');
  const journal = new Journal(path);
  for (const record of records) journal.append(record);
  journal.close();
  return path;
}

describe('journal', () => {
  it('reads back every record it appended', () => {
    const { records: read, truncated, invalidLines } = readJournal(writeJournal());
    expect(read).toEqual(records);
    expect(truncated).toBe(false);
    expect(invalidLines).toBe(0);
  });

  it('loads all complete records when cut at any byte offset, and says when it was cut', () => {
    const full = readFileSync(writeJournal());
    const lineEnds = [...full.entries()].filter(([, byte]) => byte === 0x0a).map(([i]) => i);
    const cutPath = join(mkdtempSync(join(tmpdir(), 'dyno-cut-')), 'journal.ndjson');
    for (let offset = 0; offset <= full.length; offset++) {
      writeFileSync(cutPath, full.subarray(0, offset));
      const { records: read, truncated } = readJournal(cutPath);
      const complete = lineEnds.filter((end) => end < offset).length;
      // A record missing only its newline still parses and counts as complete.
      const wholeButNewline = lineEnds.includes(offset);
      expect(read).toEqual(records.slice(0, complete + (wholeButNewline ? 1 : 0)));
      const atBoundary = offset === 0 || lineEnds.includes(offset - 1) || wholeButNewline;
      expect(truncated).toBe(!atBoundary);
    }
  });

  it('skips corrupt lines in the middle and keeps the rest', () => {
    const path = writeJournal();
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = '{"type":"sample","sample":{"tMs":"oops"}}';
    lines[2] = 'not json at all';
    writeFileSync(path, lines.join('\n'));
    const { records: read, invalidLines } = readJournal(path);
    expect(invalidLines).toBe(2);
    expect(read.map((r) => r.type)).toEqual(['header', 'sample', 'end']);
  });
});
