/**
 * Timeline segments for the UI to paint: each phase with its label, and inside the
 * measured runs the stretches of compute- and memory-bound ops, merged while adjacent.
 */
import type { Bottleneck, Segment } from '../../shared/analysis.js';
import type { OpEvent, ProfileResult } from '../../shared/session.js';
import type { OpGroup } from './op-groups.js';

/** Op-level segments for this many measured runs; later runs repeat the same pattern. */
const MAX_RUNS_WITH_OP_SEGMENTS = 20;
/** Ops closer than this are one stretch (ORT schedules the next kernel within µs). */
const MERGE_GAP_MS = 0.05;

export function timelineSegments(
  result: ProfileResult,
  phases: Bottleneck[],
  groups: OpGroup[],
  events: OpEvent[],
  llmRuns: { prefill: Set<number>; decode: Set<number> } | null = null,
): Segment[] {
  const segments: Segment[] = [];
  // Generation: every prefill and decode run painted with its own verdict.
  const prefill = phases.find((b) => b.phase === 'prefill')?.label;
  const decode = phases.find((b) => b.phase === 'decode')?.label;
  for (const run of llmRuns ? result.runs : []) {
    const label = llmRuns!.prefill.has(run.index) ? prefill : llmRuns!.decode.has(run.index) ? decode : undefined;
    if (label) segments.push({ startMs: run.startMs, endMs: run.startMs + run.durationMs, label });
  }
  for (const phase of result.phases) {
    const verdict = phases.find((b) => b.phase === phase.name);
    if (verdict)
      segments.push({ startMs: phase.startMs, endMs: phase.startMs + phase.durationMs, label: verdict.label });
  }
  const bound = new Map(groups.map((g) => [g.opType, g.bound]));
  const measured = result.runs.filter((r) => !r.warmup).slice(0, MAX_RUNS_WITH_OP_SEGMENTS);
  const runs = new Set(measured.map((r) => r.index));
  let open: Segment | null = null;
  for (const event of events) {
    const label = bound.get(event.opType);
    if (!runs.has(event.run) || !label) continue;
    const endMs = event.startMs + event.durationMs;
    if (open && open.label === label && event.startMs - open.endMs <= MERGE_GAP_MS) {
      open.endMs = endMs;
      continue;
    }
    if (open) segments.push(open);
    open = { startMs: event.startMs, endMs, label };
  }
  if (open) segments.push(open);
  return segments;
}
