/**
 * What printing a report to PDF decides without Electron: which session the renderer
 * may ask for, how the hidden print window is locked down, which requests its page may
 * make, and what the PDF is called.
 */
import { API_ARGS } from '../../shared/api.js';

/** The session id the renderer sent, or null when it is not one (same rule as the API's). */
export function parsePrintSessionId(value: unknown): string | null {
  const parsed = API_ARGS.openSession.safeParse([value]);
  return parsed.success ? parsed.data[0] : null;
}

/**
 * The print window renders a report built from model files, which may carry anything: no
 * script runs (the report needs none; its charts are inline SVG), no preload, no Node, its
 * own sandboxed process, and a session of its own so the app's storage is out of reach.
 */
export const PRINT_WINDOW_PREFERENCES = {
  javascript: false,
  disableBlinkFeatures: 'Auxclick',
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  partition: 'modeldyno-print',
} as const;

/**
 * The report is self-contained: the only request its page may make is for the report file
 * itself (and data: URLs, which never leave the process). Anything else a crafted report
 * might reference, remote or local, is refused.
 */
export function isPrintRequestAllowed(url: string, reportUrl: string): boolean {
  return url === reportUrl || url.startsWith('data:');
}

/**
 * Electron's `printToPDF` options: A4 unless the report's CSS says otherwise, with its own
 * colours (bands and bars are backgrounds), and its headings as the PDF's outline.
 */
export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  generateTaggedPDF: true,
  generateDocumentOutline: true,
} as const;

/** The PDF's suggested name in the save dialog, as the API names it. */
export const reportPdfName = (sessionId: string): string => `${sessionId}.pdf`;
