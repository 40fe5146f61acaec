import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeriesFile, SERIES_FILE } from '../../../electron/core/recording/series-file.js';
import { readSessionSeries } from '../../../electron/core/recording/series-store.js';
import { tempDir } from '../../helpers/paths.js';

const series = [
  { name: 'cpu.total.busyPct', label: 'CPU busy', unit: 'pct', group: 'cpu' },
  { name: 'proc.rssBytes', label: 'Worker RSS', unit: 'bytes', group: 'process' },
];

/** A journal as the recorder writes it: a series record, then samples (RSS on every other one). */
function sessionDir(samples = 100): string {
  const dir = tempDir('series-file');
  const lines = [JSON.stringify({ type: 'series', series })];
  for (let i = 0; i < samples; i++) {
    const values: Record<string, number> = { 'cpu.total.busyPct': i % 7 };
    if (i % 2 === 0) values['proc.rssBytes'] = 1e6 + i;
    lines.push(JSON.stringify({ type: 'sample', sample: { tMs: i * 10, values } }));
  }
  lines.push(
    '{"type":"op","op":{"run":0,"name":"g","opType":"Gemm","provider":"CPU","startMs":5,"durationMs":1,"inputShapes":[],"outputShapes":[]}}',
  );
  writeFileSync(join(dir, 'journal.ndjson'), `${lines.join('\n')}\n`);
  return dir;
}

describe('series columns on disk', () => {
  it('reads the same columns back from series.bin as from the journal', () => {
    const dir = sessionDir();
    const fromJournal = readSessionSeries(dir, true);
    const fromFile = readSeriesFile(dir);
    expect(fromFile).not.toBeNull();
    for (const { info, column } of fromJournal.described()) {
      const other = fromFile!.columns.get(info.name)!;
      expect(other.length).toBe(column.length);
      expect([...other.values.subarray(0, other.length)]).toEqual([...column.values.subarray(0, column.length)]);
      expect([...other.tMs.subarray(0, other.length)]).toEqual([...column.tMs.subarray(0, column.length)]);
    }
    expect(fromFile!.columns.get('proc.rssBytes')!.length).toBe(50);
    expect([fromFile!.startMs, fromFile!.endMs]).toEqual([0, 990]);
  });

  it('ignores series.bin once the journal has changed', () => {
    const dir = sessionDir();
    readSessionSeries(dir, true);
    appendFileSync(
      join(dir, 'journal.ndjson'),
      `${JSON.stringify({ type: 'sample', sample: { tMs: 5000, values: { 'cpu.total.busyPct': 1 } } })}\n`,
    );
    expect(readSeriesFile(dir)).toBeNull();
    expect(readSessionSeries(dir, false).endMs).toBe(5000);
  });

  it('ignores a damaged series.bin and reads the journal instead', () => {
    for (const damage of [
      (b: Buffer) => b.subarray(0, b.length - 8), // torn
      (b: Buffer) => Buffer.concat([b, Buffer.alloc(8)]), // grown
      (b: Buffer) => Buffer.from(b.toString('latin1').replace('"length":100', '"length":9999'), 'latin1'), // lying header
      () => Buffer.from('not a column file at all'),
    ]) {
      const dir = sessionDir();
      readSessionSeries(dir, true);
      writeFileSync(join(dir, SERIES_FILE), damage(readFileSync(join(dir, SERIES_FILE))));
      expect(readSeriesFile(dir)).toBeNull();
      expect(readSessionSeries(dir, false).columns.get('cpu.total.busyPct')!.length).toBe(100);
    }
  });

  it('skips journal lines that are not valid samples instead of failing', () => {
    const dir = sessionDir(10);
    appendFileSync(
      join(dir, 'journal.ndjson'),
      '{"type":"sample","sample":{"tMs":"soon","values":{}}}\n{"type":"sample","sample":{"tMs":2000,"values":{"cpu.total.busyPct":"x"}}}\n{"type":"sample","sam',
    );
    const loaded = readSessionSeries(dir, false);
    expect(loaded.columns.get('cpu.total.busyPct')!.length).toBe(10);
    expect(loaded.ops).toHaveLength(1);
  });
});
