import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareResults } from '../../../electron/core/api/compare.js';
import { sessionSummary } from '../../../electron/core/api/summaries.js';
import { profileModel } from '../../../electron/core/profiler.js';
import { htmlToPdf, renderComparisonReport } from '../../../electron/core/report/index.js';
import { formatMs } from '../../../electron/shared/format.js';
import { defaultSettings, type ProfileResult } from '../../../electron/shared/session.js';
import { CHROMIUM_PATH } from '../../helpers/browser.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { embeddedData } from './report-dom.js';

let a: ProfileResult;
let b: ProfileResult;

beforeAll(async () => {
  const root = tempDir('report-compare');
  const settings = { ...defaultSettings, runs: 6, warmup: 1, hz: 50 };
  a = await profileModel({
    modelPath: modelPath('mlp.onnx'),
    sessionsDir: root,
    settings: { ...settings, intraOpThreads: 1 },
  });
  b = await profileModel({
    modelPath: modelPath('mlp.onnx'),
    sessionsDir: root,
    settings: { ...settings, intraOpThreads: 2 },
  });
}, 120_000);

describe('the HTML compare report', () => {
  it('names both sessions, states the caveats and every metric with its delta', () => {
    const comparison = compareResults(a, b, sessionSummary);
    const html = renderComparisonReport(comparison, a, b);
    expect(html).toContain(a.sessionId);
    expect(html).toContain(b.sessionId);
    expect(html).toContain('Different settings: intraOpThreads.');
    const p50 = comparison.rows.find((r) => r.metric === 'latencyP50Ms')!;
    expect(html).toContain(formatMs(p50.a));
    expect(html).toContain(formatMs(p50.b));
    expect(html).toContain(`${p50.deltaPct! >= 0 ? '+' : ''}${p50.deltaPct!.toFixed(1)} %`);
    // Per-op deltas by op type, from both sessions' ops.
    expect(html).toContain('Kernel time by op type');
    expect(html).toMatch(/<td>\s*<bdi>Gemm<\/bdi><\/td>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(embeddedData(html)).toMatchObject({ comparison, a, b });
  });
});

describe('PDF export', () => {
  it.skipIf(!existsSync(CHROMIUM_PATH))('prints the report with headless Chromium', async () => {
    const html = renderComparisonReport(compareResults(a, b, sessionSummary), a, b);
    const pdf = await htmlToPdf(html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });

  it('says how to install Chromium when none is found', async () => {
    const missing = htmlToPdf('<p>x</p>', { env: { PATH: '' }, fixedPaths: [] });
    await expect(missing).rejects.toMatchObject({
      kind: 'tool-missing',
      message: expect.stringContaining('apt-get install chromium'),
    });
  });

  it('refuses a MODELDYNO_CHROMIUM that does not exist instead of printing with another browser', async () => {
    const env = { MODELDYNO_CHROMIUM: '/nonexistent/chromium', PATH: '' };
    await expect(htmlToPdf('<p>x</p>', { env })).rejects.toMatchObject({
      kind: 'tool-missing',
      message: expect.stringContaining('/nonexistent/chromium'),
    });
  });
});
