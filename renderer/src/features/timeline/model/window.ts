/**
 * The visible window of session time and every way the user moves it: zoom around a
 * point, pan, brush, reset. Pure functions of (window, span), so each gesture is the
 * same maths whether it came from the wheel, the keyboard or a drag.
 */

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** Zooming stops here: ONNX Runtime's kernel events are microseconds apart. */
export const MIN_SPAN_MS = 0.2;

export function spanOf(window: TimeWindow): number {
  return window.toMs - window.fromMs;
}

/** Keeps the window inside the session's span and no narrower than MIN_SPAN_MS; a pan never changes the width. */
export function clampWindow(window: TimeWindow, span: TimeWindow): TimeWindow {
  const total = Math.max(spanOf(span), MIN_SPAN_MS);
  const width = Math.min(Math.max(spanOf(window), MIN_SPAN_MS), total);
  let fromMs = window.fromMs;
  if (fromMs < span.fromMs) fromMs = span.fromMs;
  if (fromMs + width > span.fromMs + total) fromMs = span.fromMs + total - width;
  return { fromMs, toMs: fromMs + width };
}

/**
 * Scales the window by `factor` (< 1 zooms in) keeping the time under `anchorMs` at the
 * same place on screen, as Chrome's performance panel and Perfetto do.
 */
export function zoomAt(window: TimeWindow, span: TimeWindow, anchorMs: number, factor: number): TimeWindow {
  const width = spanOf(window);
  const anchor = Math.min(Math.max(anchorMs, window.fromMs), window.toMs);
  const share = width > 0 ? (anchor - window.fromMs) / width : 0.5;
  const newWidth = Math.max(width * factor, MIN_SPAN_MS);
  return clampWindow({ fromMs: anchor - share * newWidth, toMs: anchor - share * newWidth + newWidth }, span);
}

/** Moves the window by `deltaMs`, stopping at the span's ends. */
export function panBy(window: TimeWindow, span: TimeWindow, deltaMs: number): TimeWindow {
  return clampWindow({ fromMs: window.fromMs + deltaMs, toMs: window.toMs + deltaMs }, span);
}

/** The window between two brush ends, in either order. */
export function brushWindow(aMs: number, bMs: number, span: TimeWindow): TimeWindow {
  return clampWindow({ fromMs: Math.min(aMs, bMs), toMs: Math.max(aMs, bMs) }, span);
}

/** Two windows are the same to the eye when they differ by under a thousandth of their width. */
export function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  const tolerance = Math.max(spanOf(a), spanOf(b)) * 1e-3;
  return Math.abs(a.fromMs - b.fromMs) <= tolerance && Math.abs(a.toMs - b.toMs) <= tolerance;
}

/** Whether `outer` holds all of `inner`. */
export function covers(outer: TimeWindow, inner: TimeWindow): boolean {
  return outer.fromMs <= inner.fromMs && outer.toMs >= inner.toMs;
}

/**
 * The window to ask the engine for: the visible one widened by `padShare` on each side,
 * so a small pan redraws at full resolution before the next answer arrives.
 */
export function paddedWindow(window: TimeWindow, span: TimeWindow, padShare: number): TimeWindow {
  const pad = spanOf(window) * padShare;
  return {
    fromMs: Math.max(span.fromMs, window.fromMs - pad),
    toMs: Math.min(span.toMs, window.toMs + pad),
  };
}

/**
 * While a live run is followed, the newest `followMs` of it (all of it while shorter):
 * the right edge is the latest sample, as in a scrolling strip chart.
 */
export function followWindow(span: TimeWindow, followMs: number): TimeWindow {
  return { fromMs: Math.max(span.fromMs, span.toMs - followMs), toMs: Math.max(span.toMs, span.fromMs + MIN_SPAN_MS) };
}

/** `data-window`'s text: whole milliseconds unless the window is narrower than a few. */
export function windowText(window: TimeWindow): string {
  const digits = spanOf(window) < 10 ? 3 : 0;
  return `${window.fromMs.toFixed(digits)}-${window.toMs.toFixed(digits)}`;
}
