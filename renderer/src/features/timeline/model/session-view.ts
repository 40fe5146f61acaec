/** How the timeline combines what it knows of a session: series, phases, span. Pure. */
import type { Phase } from '../../../../../electron/shared/session.js';
import type { SeriesInfo } from '../../../../../electron/shared/sample.js';
import { extendOpen, phaseSpans, type PhaseSpan } from './spans.js';
import type { TimeWindow } from './window.js';

/** Every series described anywhere, first description wins, in order of first mention. */
export function mergeInfos(...lists: ReadonlyArray<readonly SeriesInfo[] | undefined>): SeriesInfo[] {
  const byName = new Map<string, SeriesInfo>();
  for (const list of lists) for (const info of list ?? []) if (!byName.has(info.name)) byName.set(info.name, info);
  return [...byName.values()];
}

/**
 * The phases to paint: the summary's, with those seen live on top (a live end carries
 * the engine's own span); phases still open reach `nowMs`.
 */
export function mergePhases(stored: readonly Phase[], live: readonly PhaseSpan[], nowMs: number | null): PhaseSpan[] {
  const liveNames = new Set(live.map((p) => p.name));
  const merged = [...phaseSpans(stored).filter((p) => !liveNames.has(p.name)), ...live];
  merged.sort((a, b) => a.startMs - b.startMs);
  return nowMs === null ? merged : extendOpen(merged, nowMs);
}

/** The session's extent: its samples' span and its phases together; null before either exists. */
export function sessionSpan(samples: TimeWindow | null, phases: readonly PhaseSpan[]): TimeWindow | null {
  let fromMs = samples?.fromMs ?? Number.POSITIVE_INFINITY;
  let toMs = samples?.toMs ?? Number.NEGATIVE_INFINITY;
  for (const phase of phases) {
    fromMs = Math.min(fromMs, phase.startMs);
    toMs = Math.max(toMs, phase.endMs);
  }
  if (!(toMs >= fromMs)) return null;
  return { fromMs, toMs };
}
