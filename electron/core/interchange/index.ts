/** Files that carry a session to other people and other tools: `.dyno`, CSV, Chrome traces, ORT profiles. */
export { DYNO_FORMAT, DynoDocument, exportDyno, importDyno, MAX_DYNO_BYTES, parseDyno } from './dyno.js';
export { csvNumber, csvText, opsCsv, samplesCsv } from './csv.js';
export { chromeTrace, MAX_COUNTER_POINTS, MAX_OP_SLICES, type TraceEvent } from './trace.js';
export { importOrtProfile } from './ort-import.js';
export { MAX_JSON_BYTES, MAX_JSON_DEPTH } from './json-guard.js';
