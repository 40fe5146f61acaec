/**
 * float32 → IEEE 754 binary16 bits, for fp16 variants. Node 20 has no Float16Array or
 * Math.f16round, so the rounding is done on the bit patterns: round to nearest, ties to
 * even, subnormals kept. One deliberate departure: a finite value too large for half
 * precision becomes ±65504 (the largest half) instead of ±inf, because an infinite
 * weight turns every product it meets into inf or NaN; callers count those clamps.
 */

/** The largest finite half, as bits (0x7bff = 65504). */
const HALF_MAX_BITS = 0x7bff;
const HALF_INF_BITS = 0x7c00;

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The result of converting a whole tensor. */
export interface HalfConversion {
  bits: Uint16Array;
  /** Finite values whose magnitude rounds above 65504 and were stored as ±65504. */
  clamped: number;
}

/** Converts every value; the output is ready to be stored little-endian as raw_data. */
export function toHalf(values: Float32Array): HalfConversion {
  const bits = new Uint16Array(values.length);
  let clamped = 0;
  for (let i = 0; i < values.length; i++) {
    scratch[0] = values[i]!;
    const half = halfBits(scratchBits[0]!);
    if ((half & 0x7fff) === HALF_INF_BITS && Number.isFinite(values[i]!)) {
      bits[i] = (half & 0x8000) | HALF_MAX_BITS;
      clamped++;
    } else {
      bits[i] = half;
    }
  }
  return { bits, clamped };
}

/** One float32 bit pattern → binary16 bits, round to nearest even; overflow gives ±inf. */
export function halfBits(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const exponent = (f >>> 23) & 0xff;
  const mantissa = f & 0x7fffff;
  if (exponent === 0xff) return sign | HALF_INF_BITS | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  // Unbiased exponent e: a half holds normals for -14 ≤ e ≤ 15 and subnormals down to 2^-24.
  const e = exponent - 127;
  if (e > 15) return sign | HALF_INF_BITS;
  if (e >= -14) {
    // Keep 10 mantissa bits; the 13 dropped decide the rounding. A carry out of the
    // mantissa bumps the exponent, which is the right result (up to inf at the top).
    const kept = ((e + 15) << 10) | (mantissa >>> 13);
    return sign | (kept + roundUp(mantissa, 13, kept));
  }
  if (e < -25) return sign; // below half the smallest subnormal: ±0
  // Subnormal: the implicit leading 1 joins the mantissa, shifted right by the exponent deficit.
  const full = mantissa | 0x800000;
  const shift = 13 + (-14 - e);
  const kept = full >>> shift;
  return sign | (kept + roundUp(full, shift, kept));
}

/** 1 when the `shift` low bits of `value` round the kept part up (ties go to the even kept value). */
function roundUp(value: number, shift: number, kept: number): number {
  const half = 1 << (shift - 1);
  const rest = value & ((1 << shift) - 1);
  if (rest > half) return 1;
  if (rest < half) return 0;
  return kept & 1;
}

/** binary16 bits → the number they hold (exact), for checks and dequantized references. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
