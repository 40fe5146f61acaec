/**
 * `modeldyno export <session> --format F --out FILE`: one session as a file to share —
 * the HTML report, its PDF, the `.dyno` session file, samples or per-op CSV, a trace.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromeTrace, exportDyno, opsCsv, samplesCsv } from '../../../core/interchange/index.js';
import { htmlToPdf, loadReportInput, renderSessionReport } from '../../../core/report/index.js';
import { loadSession, sessionsRoot, writeFileAtomic } from '../../../core/recording/store.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';
import { formatBytes } from '../format.js';

const OPTIONS = {
  format: { type: 'string' },
  what: { type: 'string' },
  out: { type: 'string' },
  sessions: { type: 'string' },
} as const;

/** The file name ending of each format, for the default `--out`. */
const EXTENSION: Record<ExportFormat, string> = {
  json: '.json',
  html: '.html',
  pdf: '.pdf',
  dyno: '.dyno',
  'csv-samples': '.samples.csv',
  'csv-ops': '.ops.csv',
  trace: '.trace.json',
};

const USAGE = `export takes one session id: modeldyno export <session-id> --format ${formatNames()} --out FILE`;

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined) throw new DynoError('usage', USAGE);
  const format = exportFormat(values.format, values.what);
  const root = sessionsRoot(values.sessions);
  // Fails with session-not-found before any work (a PDF takes a browser start).
  loadSession(root, id);
  const out = resolve(values.out ?? `${id}${EXTENSION[format]}`);
  writeFileAtomic(out, await render(root, id, format));
  process.stdout.write(`${out} (${formatBytes(statSync(out).size)})\n`);
  return 0;
}

async function render(root: string, id: string, format: ExportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(loadSession(root, id).result, null, 2)}\n`;
    case 'html':
      return renderSessionReport(await loadReportInput(root, id));
    case 'pdf':
      return htmlToPdf(renderSessionReport(await loadReportInput(root, id)));
    case 'dyno':
      return exportDyno(root, id);
    case 'csv-samples':
      return samplesCsv(root, id);
    case 'csv-ops':
      return opsCsv(loadSession(root, id).result);
    case 'trace':
      return chromeTrace(root, id);
  }
}

/** `--format csv` is samples unless `--what ops`; `csv-samples`/`csv-ops` name it outright. */
export function exportFormat(format: string | undefined, what: string | undefined): ExportFormat {
  if (format === undefined) throw new DynoError('usage', `export needs --format ${formatNames()}.`);
  if (what !== undefined && what !== 'samples' && what !== 'ops')
    throw new DynoError('usage', `--what must be samples or ops, not "${what}".`);
  if (what !== undefined && format !== 'csv')
    throw new DynoError('usage', '--what applies to --format csv only (or use csv-samples / csv-ops).');
  const name = format === 'csv' ? `csv-${what ?? 'samples'}` : format;
  const known = EXPORT_FORMATS.find((f) => f === name);
  if (!known) throw new DynoError('usage', `Unknown export format "${format}": use ${formatNames()}.`);
  return known;
}

function formatNames(): string {
  return [...EXPORT_FORMATS.filter((f) => !f.startsWith('csv-')), 'csv', 'csv-samples', 'csv-ops'].join('|');
}
