/**
 * Spans on the session clock (phases, bottleneck segments, op events): what lies under
 * the cursor, and which ones are wide enough to draw. Pure.
 */
import type { PhaseEvent } from '../../../../../electron/shared/api.js';
import type { Segment } from '../../../../../electron/shared/analysis.js';
import type { OpEvent, Phase } from '../../../../../electron/shared/session.js';

/** A phase on screen: a finished one, or one still running up to the newest sample. */
export interface PhaseSpan {
  name: string;
  startMs: number;
  endMs: number;
  open: boolean;
}

export function phaseSpans(phases: readonly Phase[]): PhaseSpan[] {
  return phases.map((p) => ({ name: p.name, startMs: p.startMs, endMs: p.startMs + p.durationMs, open: false }));
}

/** Folds a live phase event into the spans: a start opens one, an end closes it with the engine's span. */
export function applyPhaseEvent(spans: readonly PhaseSpan[], event: PhaseEvent): PhaseSpan[] {
  const others = spans.filter((s) => !(s.name === event.phase && (s.open || event.state === 'start')));
  if (event.state === 'start')
    return [...others, { name: event.phase, startMs: event.atMs, endMs: event.atMs, open: true }];
  const startMs = event.span?.startMs ?? spans.find((s) => s.name === event.phase)?.startMs ?? event.atMs;
  const endMs = event.span ? event.span.startMs + event.span.durationMs : event.atMs;
  return [...others, { name: event.phase, startMs, endMs, open: false }].sort((a, b) => a.startMs - b.startMs);
}

/** Open phases reach the newest sample. */
export function extendOpen(spans: readonly PhaseSpan[], nowMs: number): PhaseSpan[] {
  return spans.map((s) => (s.open ? { ...s, endMs: Math.max(s.endMs, nowMs) } : s));
}

/** The innermost phase at `tMs` (a prefill inside a generation names the prefill). */
export function phaseAt(spans: readonly PhaseSpan[], tMs: number): PhaseSpan | null {
  let best: PhaseSpan | null = null;
  for (const s of spans) {
    if (tMs < s.startMs || tMs > s.endMs) continue;
    if (!best || s.endMs - s.startMs < best.endMs - best.startMs) best = s;
  }
  return best;
}

/** The finest segment at `tMs`: an op-level stretch inside a phase-level verdict wins. */
export function segmentAt(segments: readonly Segment[], tMs: number): Segment | null {
  let best: Segment | null = null;
  for (const s of segments) {
    if (tMs < s.startMs || tMs > s.endMs) continue;
    if (!best || s.endMs - s.startMs < best.endMs - best.startMs) best = s;
  }
  return best;
}

/** Coarse segments first, so finer ones paint over them. */
export function paintOrder(segments: readonly Segment[]): Segment[] {
  return [...segments].sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs));
}

/** Ops sorted by start, for `opAt`. */
export function sortOps(ops: readonly OpEvent[]): OpEvent[] {
  return [...ops].sort((a, b) => a.startMs - b.startMs);
}

/**
 * The op under `tMs` in ops sorted by start, within `slopMs` (a box narrower than a
 * pixel is still hit); the nearest one when several qualify.
 */
export function opAt(sorted: readonly OpEvent[], tMs: number, slopMs: number): OpEvent | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startMs <= tMs + slopMs) lo = mid + 1;
    else hi = mid;
  }
  let best: OpEvent | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  // Kernels run one after another, so only the last few starting before the cursor can hold it.
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) {
    const op = sorted[i]!;
    const endMs = op.startMs + op.durationMs;
    const distance = tMs < op.startMs ? op.startMs - tMs : tMs > endMs ? tMs - endMs : 0;
    if (distance <= slopMs && distance < bestDistance) {
      best = op;
      bestDistance = distance;
    }
  }
  return best;
}

/** A stable colour slot per op type, so a MatMul is the same colour in every window. */
export function opTypeSlot(opType: string, slots: number): number {
  let hash = 2166136261;
  for (let i = 0; i < opType.length; i++) hash = Math.imul(hash ^ opType.charCodeAt(i), 16777619);
  return (hash >>> 0) % slots;
}
