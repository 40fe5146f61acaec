/**
 * The Compression section of the HTML report, from real experiments: `modeldyno compress
 * --compare` run as a user runs it on the bundled MLP and decoder (real variant writers,
 * fidelity worker and profiles), then the report of the original's session.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressionsRoot, EXPERIMENT_FILE, experimentDir } from '../../../electron/core/compress/store.js';
import { compressionVerdicts } from '../../../electron/core/compress/recommend.js';
import {
  escapeHtml,
  loadReportInput,
  renderSessionReport,
  type ReportInput,
} from '../../../electron/core/report/index.js';
import type { CompressionExperiment, CompressionView } from '../../../electron/shared/compress.js';
import { formatBytes, formatMs } from '../../../electron/shared/format.js';
import { describeInBrowser, launchChromium, SCREENSHOT_DIR } from '../../helpers/browser.js';
import { compressCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { embeddedData } from './report-dom.js';

interface Run {
  sessions: string;
  view: CompressionView;
  input: ReportInput;
}

async function compress(model: string, variants: string, flags: string[]): Promise<Run> {
  const sessions = tempDir(`report-compress-${model}`);
  const view = await compressCli(modelPath(model), variants, flags, sessions);
  const input = await loadReportInput(sessions, view.experiment.baselineSessionId!);
  return { sessions, view, input };
}

/** The section's HTML alone: from its opening tag to the next section. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

/** The column headings of the side-by-side tables (measured, then fidelity). */
function headersOf(html: string): string {
  return [...html.matchAll(/<thead>(.*?)<\/thead>/g)]
    .slice(0, 2)
    .map((m) => m[1])
    .join('');
}

let mlp: Run;
let decoder: Run;

beforeAll(async () => {
  // One after the other: the two experiments' profiles would share two cores otherwise.
  mlp = await compress('mlp.onnx', 'int8,prune:0.5', ['--runs', '3', '--no-op-profile']);
  decoder = await compress('decoder.onnx', 'int8,int4:32', [
    '--prompt-tokens',
    '16',
    '--output-tokens',
    '8',
    '--repetitions',
    '1',
  ]);
}, 120_000);

describe('the Compression section of a session report', () => {
  it("finds the experiment that profiled this session as its original, with the CLI's rows", () => {
    expect(mlp.view.experiment.status).toBe('complete');
    expect(mlp.input.compression?.experiment.id).toBe(mlp.view.experiment.id);
    // The same experiment file and sessions: the report shows the numbers the CLI printed.
    expect(mlp.input.compression?.rows).toEqual(mlp.view.rows);
    expect(mlp.input.compression?.findings).toEqual(mlp.view.findings);
    expect(embeddedData(renderSessionReport(mlp.input))).toEqual(mlp.input);
  });

  it('shows every row with the CLI columns, the ratio to the original, three charts and the findings', () => {
    const html = sectionOf(renderSessionReport(mlp.input), 'compression');
    const head = headersOf(html);
    for (const column of ['File', 'gzip', 'Load', 'Create', 'p50', 'p90', 'p99', 'Peak RSS', 'max |Δ|', 'Cosine'])
      expect(head).toContain(`>${column}</th>`);
    expect(head).not.toContain('TTFT');
    const [base, int8, pruned] = mlp.view.rows;
    for (const row of [base!, int8!, pruned!]) {
      expect(html).toContain(row.label);
      expect(html).toContain(formatBytes(row.fileBytes));
      expect(html).toContain(formatMs(row.latencyP50Ms));
      expect(html).toContain(formatBytes(row.peakRssBytes));
      expect(html).toContain(row.cosine!.toFixed(4));
    }
    // int8's file against the original's, as the table writes it.
    expect(html).toContain(`${(int8!.fileBytes! / base!.fileBytes!).toFixed(2)}×`);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain('File size');
    expect(html).toContain('Latency p50');
    expect(html).toContain('Output drift');
    for (const finding of mlp.view.findings) expect(html).toContain(escapeHtml(finding));
  });

  it('says what each variant changed, with the reasons weights were kept and the notes', () => {
    const html = sectionOf(renderSessionReport(mlp.input), 'compression');
    for (const variant of mlp.view.experiment.variants) {
      const build = variant.build!;
      expect(html).toContain(`${build.weightsChanged} weights`);
      expect(html).toContain(build.path);
      for (const kept of build.untouched) expect(html).toContain(kept.reason);
      for (const [op, n] of Object.entries(build.opsAdded)) expect(html).toContain(`+${n} <bdi>${op}</bdi>`);
    }
    // Pruning says that its zeros leave compute dense.
    expect(mlp.view.experiment.variants[1]!.build!.notes.join(' ')).toMatch(/dense/);
    expect(html).toContain(mlp.view.experiment.variants[1]!.build!.notes[0]!);
  });

  it('lists the measured recommendations and says why each other variant is not one', () => {
    const html = sectionOf(renderSessionReport(mlp.input), 'compression');
    const verdicts = compressionVerdicts(mlp.view, mlp.input.result.bottlenecks ?? []);
    expect(verdicts.recommended.length + verdicts.rejected.length).toBe(mlp.view.experiment.variants.length);
    expect(html).toContain('Measured recommendations');
    for (const r of verdicts.recommended) expect(html).toContain(escapeHtml(r.title));
    for (const r of verdicts.rejected) expect(html).toContain(escapeHtml(r.reason));
    if (verdicts.recommended.length === 0) expect(html).toContain('None: no variant was measurably');
    // The section sits after the session's recommendations and before the what-if.
    const page = renderSessionReport(mlp.input);
    expect(page.indexOf('id="recommendations"')).toBeLessThan(page.indexOf('id="compression"'));
    expect(page.indexOf('id="compression"')).toBeLessThan(page.indexOf('id="what-if"'));
  });

  it('shows TTFT, TPOT, tokens/s and top-1 agreement for a decoder', () => {
    const html = sectionOf(renderSessionReport(decoder.input), 'compression');
    const head = headersOf(html);
    for (const column of ['TTFT', 'TPOT', 'tok/s', 'Top-1']) expect(head).toContain(`>${column}</th>`);
    expect(head).not.toContain('>p50<');
    for (const row of decoder.view.rows) {
      expect(html).toContain(formatMs(row.ttftMs));
      expect(html).toContain(row.outputTokensPerSec!.toFixed(1));
      expect(html).toContain(`${(row.top1Agreement! * 100).toFixed(0)} %`);
    }
    expect(html).toContain('Decode speed');
    expect(html).toContain('Top-1 agreement');
  });

  it('leaves the section out of the report of a session no experiment started from', async () => {
    const variantSession = mlp.view.rows[1]!.sessionId!;
    const input = await loadReportInput(mlp.sessions, variantSession);
    expect(input.compression).toBeNull();
    expect(renderSessionReport(input)).not.toContain('id="compression"');
  });

  it('takes the newest experiment of the session, and a damaged experiment file breaks nothing', async () => {
    const root = compressionsRoot(mlp.sessions);
    const original = mlp.view.experiment;
    // A second experiment of the same session, a minute newer: the real file with a new id and time.
    const newer: CompressionExperiment = {
      ...original,
      id: `${original.id}-newer`,
      createdAt: new Date(Date.parse(original.createdAt) + 60_000).toISOString(),
    };
    mkdirSync(experimentDir(root, newer.id), { recursive: true });
    writeFileSync(join(experimentDir(root, newer.id), EXPERIMENT_FILE), JSON.stringify(newer));
    // And one cut off mid-write, newer still.
    const damaged = experimentDir(root, `${original.id}-damaged`);
    cpSync(experimentDir(root, original.id), damaged, { recursive: true });
    const text = readFileSync(join(damaged, EXPERIMENT_FILE), 'utf8');
    writeFileSync(join(damaged, EXPERIMENT_FILE), text.slice(0, text.length / 2));

    const input = await loadReportInput(mlp.sessions, original.baselineSessionId!);
    expect(input.compression?.experiment.id).toBe(newer.id);
    expect(renderSessionReport(input)).toContain(newer.id);
  });
});

describeInBrowser('the Compression section in Chromium', () => {
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
  ])('renders the %s experiment (screenshot in test-results/e2e)', async (name, run) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `report-compression-${name}.html`);
    writeFileSync(file, renderSessionReport(run().input));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`file://${file}`);
    const section = page.locator('#compression');
    expect(await section.locator('svg rect').count()).toBeGreaterThanOrEqual(3 * run().view.rows.length);
    // The side-by-side table: one body row per model, the original first.
    const firstTable = section.locator('table').first();
    expect(await firstTable.locator('tbody tr').count()).toBe(run().view.rows.length);
    expect(await firstTable.locator('tbody tr').first().innerText()).toContain('fp32 (original)');
    await section.screenshot({ path: join(SCREENSHOT_DIR, `report-compression-${name}.png`) });
    // Printed on A4 (186 mm between the margins, ~703 px), no table is cut off at the edge.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1000 });
    const widest = await page.evaluate(
      "Math.max(...[...document.querySelectorAll('#compression table, #compression svg')].map((e) => e.getBoundingClientRect().right))",
    );
    expect(widest).toBeLessThanOrEqual(703);
    await section.screenshot({ path: join(SCREENSHOT_DIR, `report-compression-${name}-print.png`) });
    await page.close();
  });
});
