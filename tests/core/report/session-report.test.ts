import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMachineProfile } from '../../../electron/core/analysis/calibrate.js';
import { recommendationTargets } from '../../../electron/core/analysis/targets.js';
import { profileModel } from '../../../electron/core/profiler.js';
import {
  loadReportInput,
  renderSessionReport,
  REPORT_MAX_POINTS,
  type ReportInput,
} from '../../../electron/core/report/index.js';
import { formatBytes, formatMs } from '../../../electron/shared/format.js';
import { defaultSettings, type ProfileSettings } from '../../../electron/shared/session.js';
import { describeInBrowser, launchChromium, SCREENSHOT_DIR } from '../../helpers/browser.js';
import { modelPath, tempDir, testHome } from '../../helpers/paths.js';
import { embeddedData } from './report-dom.js';

async function profiled(
  file: string,
  settings: Partial<ProfileSettings>,
): Promise<{ root: string; input: ReportInput }> {
  const root = tempDir('report');
  const profile = await getMachineProfile({ dir: join(testHome, 'machine-profiles') });
  const analysis = {
    profile,
    targets: recommendationTargets(),
    peakFlopsPerSec: profile.peakFp32FlopsEstimate ?? null,
  };
  const result = await profileModel({
    modelPath: modelPath(file),
    sessionsDir: root,
    settings: { ...defaultSettings, runs: 8, warmup: 1, hz: 50, ...settings },
    analysis,
  });
  return { root, input: await loadReportInput(root, result.sessionId) };
}

let mlp: ReportInput;
let decoder: ReportInput;

beforeAll(async () => {
  mlp = (await profiled('mlp.onnx', {})).input;
  decoder = (await profiled('decoder.onnx', { promptTokens: [16], outputTokens: [8], repetitions: 2 })).input;
}, 180_000);

describe('the HTML report of a session', () => {
  it('gathers the summary, series of at most 600 points and a what-if onto the recommendation targets', () => {
    expect(mlp.result.status).toBe('complete');
    expect(mlp.series.series.map((s) => s.info.name)).toEqual(
      expect.arrayContaining(['cpu.total.busyPct', 'proc.rssBytes']),
    );
    expect(mlp.series.series.some((s) => /^cpu\.\d+\./.test(s.info.name))).toBe(false);
    for (const s of mlp.series.series) expect(s.tMs.length).toBeLessThanOrEqual(REPORT_MAX_POINTS);
    expect(mlp.whatIf?.projections.map((p) => p.targetId)).toEqual(recommendationTargets().map((t) => t.id));
    expect(mlp.whatIf?.baseline.latencyP50Ms).toBe(mlp.result.latencyMs!.p50);
  });

  it('states the headline numbers, draws charts as SVG and carries no executable script', () => {
    const html = renderSessionReport(mlp);
    const r = mlp.result;
    for (const figure of [
      formatMs(r.loadMs),
      formatMs(r.createMs),
      formatMs(r.latencyMs!.p50),
      formatMs(r.latencyMs!.p99),
      formatBytes(r.peakRssBytes),
    ])
      expect(html).toContain(figure);
    expect(html).toContain(r.sessionId);
    expect(html).toContain('<svg');
    expect(html).toContain('<polyline');
    expect(html).toContain('What holds it back');
    expect(html).toContain(r.ops[0]!.name);
    // One script element, and it is data.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script type="application/json" id="modeldyno-data">');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/)/);
  });

  it('embeds the whole report input as JSON that parses back equal', () => {
    expect(embeddedData(renderSessionReport(mlp))).toEqual(mlp);
  });

  it('shows the generation metrics of a language-model session', () => {
    const html = renderSessionReport(decoder);
    const llm = decoder.result.llm!;
    expect(llm).not.toBeNull();
    expect(html).toContain('TTFT p50');
    expect(html).toContain(formatMs(llm.ttftMs.p50));
    expect(html).toContain(formatMs(llm.tpotMs!.p50));
  });

  it('says n/a where a number is missing rather than inventing one', () => {
    const bare: ReportInput = {
      ...mlp,
      result: {
        ...mlp.result,
        loadMs: null,
        latencyMs: null,
        throughputPerSec: null,
        ops: [],
        bottlenecks: undefined,
        recommendations: undefined,
      },
      whatIf: null,
    };
    const html = renderSessionReport(bare);
    expect(html).toMatch(/Model read<\/div><div class="v na">n\/a/);
    expect(html).toMatch(/Latency p50<\/div><div class="v na">n\/a/);
    expect(html).toContain('No analysis is stored with this session.');
  });
});

describeInBrowser('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['mlp', () => mlp],
    ['decoder', () => decoder],
  ])('renders the %s report with its charts (screenshot in test-results/e2e)', async (name, input) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `report-${name}.html`);
    writeFileSync(file, renderSessionReport(input()));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${file}`);
    const charts = await page.locator('svg polyline').count();
    expect(charts).toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `report-${name}.png`), fullPage: true });
    await page.close();
  });
});
