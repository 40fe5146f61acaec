/**
 * What the recorder writes when a session ends, however it ended: the summary with its
 * analysis (`session.json`) and the series in columns (`series.bin`), so that opening the
 * session later reads neither the whole journal nor re-runs the analysis.
 */
import type { MachineProfile } from '../shared/analysis.js';
import type { ProfileResult, SessionStatus } from '../shared/session.js';
import { analyse, withAnalysis } from './analysis/analyse.js';
import type { TargetSpec } from './analysis/whatif.js';
import type { JournalRecord } from './recording/journal-record.js';
import { writeSeriesFile } from './recording/series-file.js';
import { columnsFromRecords } from './recording/series-store.js';
import { writeSummary } from './recording/store.js';
import { summarise } from './recording/summarise.js';

/** What the analysis of the finished session uses; without it only profile-free rules run. */
export interface SessionAnalysisOptions {
  profile: MachineProfile | null;
  targets: TargetSpec[];
  peakFlopsPerSec: number | null;
}

/** Call after the journal is closed: `series.bin` names the journal's final size and mtime. */
export function finishSession(
  dir: string,
  records: JournalRecord[],
  status: SessionStatus,
  options?: SessionAnalysisOptions,
): ProfileResult {
  const result = analysed(summarise(records, status), records, options);
  writeSummary(dir, result);
  writeSeriesFile(dir, columnsFromRecords(records));
  return result;
}

/**
 * Attaches the analysis. A failure in it must not cost the session its summary: the
 * measurements are written without it and the reason goes to the process warnings.
 */
function analysed(result: ProfileResult, records: JournalRecord[], options?: SessionAnalysisOptions): ProfileResult {
  try {
    const samples = records.flatMap((r) => (r.type === 'sample' ? [r.sample] : []));
    const opEvents = records.flatMap((r) => (r.type === 'op' ? [r.op] : []));
    const requests = records.flatMap((r) => (r.type === 'llm-request' ? [r] : []));
    const analysis = analyse(
      { result, samples, opEvents, requests },
      options?.profile ?? null,
      options?.targets ?? [],
      options?.peakFlopsPerSec ?? null,
    );
    return withAnalysis(result, analysis);
  } catch (err) {
    process.emitWarning(`analysis of session ${result.sessionId} failed: ${(err as Error).message}`);
    return result;
  }
}
