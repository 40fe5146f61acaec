/**
 * Sessions as files to save: the API's `exportSession` and `exportComparison`. Each
 * format is one function of the session; the report and interchange modules do the
 * work, this file names the files and says how their bytes travel (text as is, binary
 * in base64, since every transport carries JSON).
 */
import type { ExportedFile, ExportFormat } from '../../shared/api.js';
import { DynoError } from '../../shared/errors.js';
import type { ProfileResult } from '../../shared/session.js';
import { chromeTrace, exportDyno, opsCsv, samplesCsv } from '../interchange/index.js';
import { htmlToPdf, loadReportInput, renderComparisonReport, renderSessionReport } from '../report/index.js';
import { compareResults } from './compare.js';
import type { SessionCache } from './session-cache.js';
import { sessionSummary } from './summaries.js';

export interface ExportContext {
  /** The sessions root. */
  root: string;
  sessions: SessionCache;
}

type Exporter = (context: ExportContext, result: ProfileResult) => Promise<ExportedFile>;

const text = (fileName: string, mimeType: string, content: string): ExportedFile => ({
  fileName,
  mimeType,
  content,
  encoding: 'utf8',
});

const binary = (fileName: string, mimeType: string, bytes: Uint8Array): ExportedFile => ({
  fileName,
  mimeType,
  content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  encoding: 'base64',
});

async function sessionHtml(context: ExportContext, id: string): Promise<string> {
  return renderSessionReport(await loadReportInput(context.root, id));
}

const EXPORTERS: Record<ExportFormat, Exporter> = {
  json: async (_context, result) =>
    text(`${result.sessionId}.json`, 'application/json', `${JSON.stringify(result, null, 2)}\n`),
  html: async (context, { sessionId }) => text(`${sessionId}.html`, 'text/html', await sessionHtml(context, sessionId)),
  pdf: async (context, { sessionId }) =>
    binary(`${sessionId}.pdf`, 'application/pdf', await htmlToPdf(await sessionHtml(context, sessionId))),
  dyno: async (context, { sessionId }) =>
    binary(`${sessionId}.dyno`, 'application/gzip', exportDyno(context.root, sessionId)),
  'csv-samples': async (context, { sessionId }) =>
    text(`${sessionId}-samples.csv`, 'text/csv', samplesCsv(context.root, sessionId)),
  'csv-ops': async (_context, result) => text(`${result.sessionId}-ops.csv`, 'text/csv', opsCsv(result)),
  trace: async (context, { sessionId }) =>
    text(`${sessionId}.trace.json`, 'application/json', chromeTrace(context.root, sessionId)),
};

/** The summary of a running session is a snapshot; every other format needs the session's end. */
function requireEnded(result: ProfileResult, what: string): void {
  if (result.status === 'running')
    throw new DynoError('busy', `Session ${result.sessionId} is still running: export ${what} once it has ended.`);
}

export async function exportSession(context: ExportContext, id: string, format: ExportFormat): Promise<ExportedFile> {
  const result = context.sessions.get(id); // throws session-not-found, session-invalid
  if (format !== 'json') requireEnded(result, `its ${format}`);
  return EXPORTERS[format](context, result);
}

export async function exportComparison(context: ExportContext, a: string, b: string): Promise<ExportedFile> {
  const resultA = context.sessions.get(a);
  const resultB = context.sessions.get(b);
  requireEnded(resultA, 'the comparison');
  requireEnded(resultB, 'the comparison');
  const comparison = compareResults(resultA, resultB, sessionSummary);
  return text(`compare-${a}-${b}.html`, 'text/html', renderComparisonReport(comparison, resultA, resultB));
}
