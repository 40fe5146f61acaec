/** The sessions list's view of a session, and the baseline a what-if report compares with. */
import { basename } from 'node:path';
import type { AnalysisView, SessionSummary, WhatIfReport } from '../../shared/api.js';
import type { ProfileResult } from '../../shared/session.js';

export function sessionSummary(r: ProfileResult): SessionSummary {
  return {
    sessionId: r.sessionId,
    status: r.status,
    startedAt: r.startedAt,
    modelPath: r.model.path,
    modelName: basename(r.model.path),
    loadMs: r.loadMs,
    latencyP50Ms: r.latencyMs?.p50 ?? null,
    throughputPerSec: r.throughputPerSec,
    peakRssBytes: r.peakRssBytes,
    llm: r.llm !== null,
    error: r.error ?? null,
  };
}

export function whatIfBaseline(r: ProfileResult): WhatIfReport['baseline'] {
  return {
    loadMs: r.loadMs,
    createMs: r.createMs,
    latencyP50Ms: r.latencyMs?.p50 ?? null,
    throughputPerSec: r.throughputPerSec,
    peakRssBytes: r.peakRssBytes,
    ttftMs: r.llm?.ttftMs.mean ?? null,
    outputTokensPerSec: r.llm?.outputTokensPerSec ?? null,
  };
}

/** The analysis the recorder stored with the summary. */
export function storedAnalysis(r: ProfileResult): AnalysisView {
  return {
    sessionId: r.sessionId,
    machineProfile: r.machineProfile ?? null,
    cost: r.cost ?? null,
    bottlenecks: r.bottlenecks ?? [],
    segments: r.segments ?? [],
    recommendations: r.recommendations ?? [],
  };
}
