import { beforeAll, describe, expect, it } from 'vitest';
import { csvText, opsCsv, samplesCsv } from '../../../electron/core/interchange/index.js';
import { readSessionSeries } from '../../../electron/core/recording/series-store.js';
import type { ProfileResult } from '../../../electron/shared/session.js';
import { join } from 'node:path';
import { profileMlp, type RealSession } from './sessions.js';

let mlp: RealSession;
beforeAll(async () => {
  mlp = await profileMlp();
}, 120_000);

/** RFC 4180 reader, enough to check what the writer quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('writes the text cell %j as %j', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('writes per-op statistics with hostile node names quoted and guarded, and the cost per op type', () => {
    const hostile: ProfileResult = {
      ...mlp.result,
      ops: [{ ...mlp.result.ops[0]!, name: '=cmd|" /C calc"!A0,\r\nnext' }, ...mlp.result.ops.slice(1)],
    };
    const rows = parseCsv(opsCsv(hostile));
    expect(rows[0]).toEqual([
      'name',
      'op_type',
      'provider',
      'total_ms',
      'count',
      'mean_ms',
      'share_pct',
      'op_type_flops_per_run',
      'op_type_bytes_per_run',
      'op_type_flop_per_byte',
    ]);
    expect(rows).toHaveLength(mlp.result.ops.length + 1);
    expect(rows[1]![0]).toBe(`'=cmd|" /C calc"!A0,\r\nnext`);
    for (const row of rows) expect(row).toHaveLength(10);
    const gemm = rows.find((r) => r[1] === 'Gemm')!;
    const cost = mlp.result.cost!.byOpType.find((c) => c.opType === 'Gemm')!;
    expect(Number(gemm[7])).toBe(cost.flops);
    expect(Number(gemm[9])).toBeCloseTo(cost.flops / cost.bytes);
    const shares = rows.slice(1).reduce((sum, r) => sum + Number(r[6]), 0);
    expect(shares).toBeCloseTo(100);
  });

  it('writes one row per sample time and one column per series, every value where the series has one', () => {
    const id = mlp.result.sessionId;
    const rows = parseCsv(samplesCsv(mlp.root, id));
    const series = readSessionSeries(join(mlp.root, id), false);
    const header = rows[0]!;
    expect(header[0]).toBe('t_ms');
    expect(header.slice(1).sort()).toEqual(
      series
        .described()
        .map((d) => d.info.name)
        .sort(),
    );
    for (const { info, column } of series.described()) {
      const c = header.indexOf(info.name);
      const cells = rows.slice(1).filter((r) => r[c] !== '');
      expect(cells.map((r) => Number(r[0]))).toEqual([...column.tMs.subarray(0, column.length)]);
      expect(cells.map((r) => Number(r[c]))).toEqual([...column.values.subarray(0, column.length)]);
    }
    const times = rows.slice(1).map((r) => Number(r[0]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });
});
