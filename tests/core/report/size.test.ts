import { describe, expect, it } from 'vitest';
import { writeSyntheticSession } from '../../../bench/ui/synthetic-session.js';
import { loadReportInput, renderSessionReport, REPORT_MAX_POINTS } from '../../../electron/core/report/index.js';
import { tempDir } from '../../helpers/paths.js';

describe('the report of a long session', () => {
  it('stays under 5 MB for one hour at 50 Hz, every series downsampled to 600 points', async () => {
    const root = tempDir('report-size');
    const { sessionId, samples } = writeSyntheticSession(root);
    const input = await loadReportInput(root, sessionId);
    expect(samples).toBeGreaterThan(150_000);
    expect(input.series.downsampled).toBe(true);
    for (const s of input.series.series) expect(s.tMs.length).toBeLessThanOrEqual(REPORT_MAX_POINTS);
    const bytes = Buffer.byteLength(renderSessionReport(input));
    console.log(`1-hour 50 Hz session: ${input.result.runs.length} runs, report ${(bytes / 1e6).toFixed(2)} MB`);
    expect(bytes).toBeLessThan(5e6);
  }, 120_000);
});
