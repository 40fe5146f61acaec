/**
 * Seeded pseudo-random numbers for model weights.
 *
 * xoshiro128** (seeded through splitmix32) uses only 32-bit integer arithmetic, and
 * the normal-ish values are an Irwin–Hall sum of four uniforms — additions and
 * multiplications only, no Math.log/Math.cos — so the bytes a seed produces are the
 * same on every JS engine and platform, not just on this V8.
 */

/** FNV-1a over a string, mixed with a seed: a stable per-tensor seed from its name. */
export function seedFor(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  nextUniform(): number {
    return this.nextUint32() / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** √3: scales a sum of four U(0,1) (variance 1/3) to unit variance. */
const IRWIN_HALL_SCALE = Math.sqrt(3);

/** Fills `out` with mean + std × (approximately normal, bounded by ±2√3 σ). */
export function fillNormal(out: Float32Array, seed: number, std: number, mean = 0): void {
  const rng = new Xoshiro128(seed);
  const scale = std * IRWIN_HALL_SCALE;
  for (let i = 0; i < out.length; i++) {
    const sum = rng.nextUniform() + rng.nextUniform() + rng.nextUniform() + rng.nextUniform();
    out[i] = mean + (sum - 2) * scale;
  }
}

/** Fills `out` with U(low, high). */
export function fillUniform(out: Float32Array, seed: number, low: number, high: number): void {
  const rng = new Xoshiro128(seed);
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.nextUniform();
}
