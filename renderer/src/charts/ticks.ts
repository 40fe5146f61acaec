/** Tick positions and labels for a time axis in session milliseconds. */
import { niceStep } from './scale.js';

export interface TimeTicks {
  stepMs: number;
  ticksMs: number[];
}

/**
 * Ticks at a round step (1, 2 or 5 × 10^k ms) with about `targetCount` of them in the
 * window; never more than 2 × targetCount, whatever the window.
 */
export function timeTicks(fromMs: number, toMs: number, targetCount: number): TimeTicks {
  const span = toMs - fromMs;
  if (!(span > 0) || targetCount < 1) return { stepMs: 0, ticksMs: [] };
  let stepMs = niceStep(span / targetCount);
  // niceStep rounds down, so a step can be up to 2.5× smaller than asked: halve the count back.
  while (span / stepMs > targetCount * 2) stepMs *= 2;
  const ticksMs: number[] = [];
  const first = Math.ceil(fromMs / stepMs);
  for (let i = first; i * stepMs <= toMs; i++) ticksMs.push(roundTo(i * stepMs, stepMs));
  return { stepMs, ticksMs };
}

/** Removes the float noise of `i × step` (0.30000000000000004) at the step's precision. */
function roundTo(value: number, stepMs: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(stepMs)) + 1);
  return Number(value.toFixed(Math.min(digits, 12)));
}

/**
 * A tick label with as many decimals as the step needs: `12 s`, `1:05`, `2.35 s`,
 * `2.3504 s`. Minutes appear once a tick reaches a minute, so an hour reads `45:00`.
 */
export function formatTick(ms: number, stepMs: number): string {
  const seconds = ms / 1000;
  if (stepMs >= 1000 && Math.abs(seconds) >= 60) {
    const sign = seconds < 0 ? '-' : '';
    const whole = Math.round(Math.abs(seconds));
    const minutes = Math.floor(whole / 60);
    return `${sign}${minutes}:${String(whole % 60).padStart(2, '0')}`;
  }
  const digits = Math.max(0, Math.ceil(-Math.log10(stepMs / 1000) - 1e-9));
  return `${seconds.toFixed(Math.min(digits, 6))} s`;
}

/** A cursor time with more precision than the ticks (`2.3504 s`, `29:17.85`): the tooltip's heading. */
export function formatCursor(ms: number, msPerPx: number): string {
  const digits = Math.max(0, Math.min(6, Math.ceil(-Math.log10(Math.max(msPerPx, 1e-6) / 1000))));
  const seconds = ms / 1000;
  if (Math.abs(seconds) < 60) return `${seconds.toFixed(digits)} s`;
  const sign = seconds < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const rest = (Math.abs(seconds) - minutes * 60).toFixed(digits);
  return `${sign}${minutes}:${rest.padStart(digits > 0 ? digits + 3 : 2, '0')}`;
}
