/**
 * `npm run bench`, part 5: exports of the synthetic one-hour, 50 Hz session, side by side
 * in one run — time (median of a few) and file size of each format. Targets: HTML < 2 s
 * and < 5 MB, `.dyno` < 10 MB. PDF only where a Chromium is installed, and apart: most of
 * its time is the browser's start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeTrace, exportDyno, samplesCsv } from '../electron/core/interchange/index.js';
import { htmlToPdf, loadReportInput, renderSessionReport } from '../electron/core/report/index.js';
import { writeSyntheticSession, type SyntheticSession } from './ui/synthetic-session.js';

export interface ExportTiming {
  format: string;
  medianMs: number;
  bytes: number;
  /** The target this format is held to, if any. */
  target: { ms: number | null; bytes: number } | null;
}

export interface ExportBench {
  session: SyntheticSession;
  rounds: number;
  exports: ExportTiming[];
  /** PDF of the same report; the reason it was not measured otherwise. */
  pdf: { ms: number; bytes: number } | { skipped: string };
}

const TARGETS: Record<string, ExportTiming['target']> = {
  html: { ms: 2000, bytes: 5e6 },
  dyno: { ms: null, bytes: 10e6 },
};

export async function benchExport(rounds = 3): Promise<ExportBench> {
  const home = mkdtempSync(join(tmpdir(), 'modeldyno-bench-export-'));
  const root = join(home, 'sessions');
  try {
    const session = writeSyntheticSession(root);
    const id = session.sessionId;
    // The HTML time is what a user waits for: reading the session and rendering the report.
    const html = async () => renderSessionReport(await loadReportInput(root, id));
    const formats: Array<[string, () => Promise<string | Uint8Array>]> = [
      ['html', html],
      ['dyno', async () => exportDyno(root, id)],
      ['csv-samples', async () => samplesCsv(root, id)],
      ['trace', async () => chromeTrace(root, id)],
    ];
    const exports: ExportTiming[] = [];
    for (const [format, make] of formats) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const content = await make();
        times.push(performance.now() - t0);
        bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
      }
      exports.push({ format, medianMs: median(times), bytes, target: TARGETS[format] ?? null });
    }
    return { session, rounds, exports, pdf: await timePdf(await html()) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function timePdf(html: string): Promise<ExportBench['pdf']> {
  const t0 = performance.now();
  try {
    const pdf = await htmlToPdf(html);
    return { ms: performance.now() - t0, bytes: pdf.byteLength };
  } catch (err) {
    return { skipped: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 160) };
  }
}

export function printExportBench(bench: ExportBench): void {
  const { session } = bench;
  console.log(
    `\nExport — synthetic 1-hour 50 Hz session: ${session.samples.toLocaleString('en')} samples × ${session.series} series ` +
      `(${mb(session.journalBytes)} journal), median of ${bench.rounds}; targets HTML < 2000 ms and < 5 MB, .dyno < 10 MB`,
  );
  for (const e of bench.exports) {
    const checks = e.target
      ? [
          ...(e.target.ms === null ? [] : [`< ${e.target.ms} ms: ${verdict(e.medianMs < e.target.ms)}`]),
          `< ${mb(e.target.bytes)}: ${verdict(e.bytes < e.target.bytes)}`,
        ]
      : [];
    console.log(
      `  ${e.format.padEnd(12)} ${`${e.medianMs.toFixed(0)} ms`.padStart(9)}  ${mb(e.bytes).padStart(9)}${checks.length ? `  (${checks.join(', ')})` : ''}`,
    );
  }
  const pdf = bench.pdf;
  console.log(
    'skipped' in pdf
      ? `  pdf          not measured: ${pdf.skipped}`
      : `  pdf          ${`${pdf.ms.toFixed(0)} ms`.padStart(9)}  ${mb(pdf.bytes).padStart(9)}  (one run, headless Chromium start included)`,
  );
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
