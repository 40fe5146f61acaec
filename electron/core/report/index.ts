/** Reports a reader without ModelDyno can open: the session and compare reports as HTML, and their PDF. */
export { loadReportInput, REPORT_MAX_POINTS, type ReportInput } from './input.js';
export { renderSessionReport } from './session-report.js';
export { renderComparisonReport } from './compare-report.js';
export { CHROMIUM_HINT, findChromium, htmlToPdf, type ChromiumLookup } from './pdf.js';
export { DATA_ELEMENT_ID, escapeHtml, jsonForScript } from './html.js';
