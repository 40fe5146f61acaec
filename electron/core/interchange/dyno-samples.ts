/**
 * The samples of a `.dyno` document in columns. Measured on the bench's synthetic
 * one-hour 50 Hz session (180,000 samples × 19 series, 134 MB journal): the journal's
 * records as they are gzip to 30 MB, because each row repeats every series name and
 * each value carries 17 digits of noise; rounded values and one array per series bring
 * it under the 10 MB target.
 *
 * Rounding: integers (byte counts, page counts) are kept exactly; other values keep 6
 * significant digits, a relative 1e-6 — far below what the sampler resolves (CPU % comes
 * from 10 ms jiffies; rates from counters read every 20 ms). Rounding is idempotent, so
 * export → import → export stays byte-identical.
 */
import { z } from 'zod';
import type { JournalRecord } from '../recording/journal-record.js';

export const SampleColumns = z
  .strictObject({
    /** Non-sample records of the journal before each sample, counted from the previous sample. */
    gaps: z.array(z.number().int().nonnegative()),
    tMs: z.array(z.number()),
    /** One array per series, in order of first appearance; null where a sample lacks the series. */
    values: z.record(z.string(), z.array(z.number().nullable())),
  })
  .superRefine((columns, ctx) => {
    if (columns.gaps.length !== columns.tMs.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['gaps'],
        message: `has ${columns.gaps.length} entries, tMs has ${columns.tMs.length}`,
      });
    }
    for (const [name, values] of Object.entries(columns.values)) {
      if (values.length !== columns.tMs.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', name],
          message: `has ${values.length} entries, tMs has ${columns.tMs.length}`,
        });
      }
    }
  });
export type SampleColumns = z.infer<typeof SampleColumns>;

export function roundSampleValue(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(6));
}

/** Splits the journal into its other records and its samples in columns. */
export function splitSamples(records: readonly JournalRecord[]): { journal: JournalRecord[]; samples: SampleColumns } {
  const journal: JournalRecord[] = [];
  const samples: SampleColumns = { gaps: [], tMs: [], values: {} };
  let gap = 0;
  for (const record of records) {
    if (record.type !== 'sample') {
      journal.push(record);
      gap++;
      continue;
    }
    const row = samples.tMs.length;
    samples.gaps.push(gap);
    samples.tMs.push(record.sample.tMs);
    gap = 0;
    for (const [name, value] of Object.entries(record.sample.values)) {
      let column = samples.values[name];
      if (!column) samples.values[name] = column = new Array<number | null>(row).fill(null);
      column.push(roundSampleValue(value));
    }
    for (const column of Object.values(samples.values)) if (column.length === row) column.push(null);
  }
  return { journal, samples };
}

/**
 * The journal with its samples back in place, or the reason the two do not fit together
 * (more gaps than records), as a field path and message.
 */
export function mergeSamples(
  journal: readonly JournalRecord[],
  samples: SampleColumns,
): JournalRecord[] | { path: string; message: string } {
  const names = Object.keys(samples.values);
  const columns = Object.values(samples.values);
  const records: JournalRecord[] = [];
  let next = 0;
  for (let row = 0; row < samples.tMs.length; row++) {
    const gap = samples.gaps[row]!;
    if (next + gap > journal.length) {
      return {
        path: `samples.gaps[${row}]`,
        message: `points past the end of the journal (${journal.length} records)`,
      };
    }
    for (let i = 0; i < gap; i++) records.push(journal[next++]!);
    const values: Record<string, number> = {};
    columns.forEach((column, c) => {
      const value = column[row];
      if (value !== null && value !== undefined) values[names[c]!] = value;
    });
    records.push({ type: 'sample', sample: { tMs: samples.tMs[row]!, values } });
  }
  while (next < journal.length) records.push(journal[next++]!);
  return records;
}
