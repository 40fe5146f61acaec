/**
 * Linear scales and "nice" bounds for the canvas charts. Pure: the timeline's window
 * maths and its tests use them without a DOM.
 */

/** Maps a domain [d0, d1] onto a pixel range [r0, r1]; a zero-width domain maps to r0. */
export interface LinearScale {
  readonly d0: number;
  readonly d1: number;
  readonly r0: number;
  readonly r1: number;
  toPx(value: number): number;
  fromPx(px: number): number;
}

export function linearScale(d0: number, d1: number, r0: number, r1: number): LinearScale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return {
    d0,
    d1,
    r0,
    r1,
    toPx: (value) => r0 + (value - d0) * k,
    fromPx: (px) => (k === 0 ? d0 : d0 + (px - r0) / k),
  };
}

/**
 * The smallest round number at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
 * × 10^k): an axis top that reads as a round number and leaves a peak of 260 % at more
 * than 80 % of the lane, not half of it.
 */
export function niceCeil(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (value <= step * power * (1 + 1e-12)) return step * power;
  }
  return 10 * power;
}

/** The largest 1, 2 or 5 × 10^k at or below `value` (tick steps). */
export function niceStep(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  return (fraction >= 5 ? 5 : fraction >= 2 ? 2 : 1) * power;
}

export function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
