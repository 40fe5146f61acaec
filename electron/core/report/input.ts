/**
 * What a report is made of: the session's summary, its hardware series over the whole
 * session (downsampled), a what-if onto the recommendation targets, and the newest
 * compression experiment that profiled this session as its original. Gathered once, so
 * the HTML shows exactly the data it embeds.
 */
import { join } from 'node:path';
import type { SeriesWindow, WhatIfReport } from '../../shared/api.js';
import type { CompressionView } from '../../shared/compress.js';
import type { ProfileResult } from '../../shared/session.js';
import { analyse } from '../analysis/analyse.js';
import { recommendationTargets } from '../analysis/targets.js';
import { project } from '../analysis/whatif.js';
import { downsample } from '../api/downsample.js';
import { compressionOfSession } from '../compress/of-session.js';
import { withoutMeasuredEstimates } from '../compress/recommend.js';
import { whatIfBaseline } from '../api/summaries.js';
import { readSessionSeries } from '../recording/series-store.js';
import { loadSession, loadSessionData } from '../recording/store.js';

export interface ReportInput {
  result: ProfileResult;
  series: SeriesWindow;
  whatIf: WhatIfReport | null;
  /** The variants of this session's model, profiled beside it; null when no experiment used this session. */
  compression: CompressionView | null;
  generatedAt: string;
}

/**
 * A chart in a report is ~1,000 px wide: 600 points per series (300 min/max buckets)
 * keeps every spike visible and a one-hour, 50 Hz session's HTML to a few hundred KB of series.
 */
export const REPORT_MAX_POINTS = 600;

/**
 * Per-core series (`cpu.3.busyPct`) are left out: the report charts the machine total,
 * and on a 192-core server they alone would be ~1,000 series, megabytes of JSON.
 */
const PER_CORE = /^cpu\.\d+\./;

export async function loadReportInput(root: string, sessionId: string): Promise<ReportInput> {
  const { result: stored } = loadSession(root, sessionId);
  const compression = compressionOfSession(root, stored.sessionId);
  // A measured int8 (the Compression section) replaces the analysis' int8 estimate.
  const result =
    compression && stored.recommendations
      ? { ...stored, recommendations: withoutMeasuredEstimates(stored.recommendations, compression) }
      : stored;
  return {
    result,
    series: seriesWindow(root, result),
    whatIf: whatIfReport(root, result),
    compression,
    generatedAt: new Date().toISOString(),
  };
}

function seriesWindow(root: string, result: ProfileResult): SeriesWindow {
  const series = readSessionSeries(join(root, result.sessionId), result.status !== 'running');
  const empty = series.startMs > series.endMs;
  const spanMs = empty ? { startMs: 0, endMs: 0 } : { startMs: series.startMs, endMs: series.endMs };
  const window: SeriesWindow = {
    sessionId: result.sessionId,
    fromMs: spanMs.startMs,
    toMs: spanMs.endMs,
    spanMs,
    series: [],
    downsampled: false,
  };
  for (const { info, column } of series.described()) {
    if (PER_CORE.test(info.name)) continue;
    const points = downsample(column, spanMs.startMs, spanMs.endMs, REPORT_MAX_POINTS);
    if (points.rawCount > REPORT_MAX_POINTS) window.downsampled = true;
    window.series.push({ info, ...points });
  }
  return window;
}

/** As the API's `whatIf` projects onto `recommendationTargets()`, against the session's own machine profile. */
function whatIfReport(root: string, result: ProfileResult): WhatIfReport | null {
  const profile = result.machineProfile;
  if (!profile || !result.latencyMs) return null;
  const data = loadSessionData(root, result.sessionId);
  const whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf;
  if (!whatIf) return null;
  return {
    sessionId: result.sessionId,
    baseline: whatIfBaseline(data.result),
    projections: recommendationTargets().map((target) => project(whatIf, target)),
  };
}
