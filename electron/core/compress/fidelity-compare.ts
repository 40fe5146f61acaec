/**
 * The arithmetic of fidelity: two outputs of the same shape, flattened, compared by
 * their largest absolute difference and the cosine of the angle between them. Plain
 * loops over typed arrays, accumulated in float64, so a 2,000-word vocabulary over 32
 * steps costs microseconds next to the runs that made it.
 */
import type * as ort from 'onnxruntime-node';

/**
 * What the schema's numbers become when an output is not finite: JSON has no NaN or
 * Infinity, and null would not fit `z.number()`. A variant whose output holds NaN, or
 * an infinity where the original has another value, reports this as its max |diff|
 * (and cosine 0): the largest double, which no real difference reaches.
 */
export const NON_FINITE_DIFF = Number.MAX_VALUE;

export interface Comparison {
  elements: number;
  maxAbsDiff: number;
  cosine: number;
}

/**
 * Accumulates one comparison over one or more pairs of chunks (a decoder's logits, one
 * step at a time), as if they were one flattened pair.
 */
export class Comparer {
  private elements = 0;
  private identical = true;
  private nonFinite = false;
  private maxAbsDiff = 0;
  private dot = 0;
  private originalNorm = 0;
  private variantNorm = 0;

  add(original: ArrayLike<number>, variant: ArrayLike<number>): this {
    if (original.length !== variant.length) {
      throw new RangeError(`${original.length} elements against ${variant.length}`);
    }
    for (let i = 0; i < original.length; i++) {
      const a = original[i]!;
      const b = variant[i]!;
      // Equal infinities (a -Infinity mask in both) are equal values, not a difference.
      if (a === b) {
        if (Number.isFinite(a)) this.accumulate(a, b);
        continue;
      }
      this.identical = false;
      if (!Number.isFinite(a) || !Number.isFinite(b)) {
        this.nonFinite = true;
        continue;
      }
      const diff = Math.abs(a - b);
      if (diff > this.maxAbsDiff) this.maxAbsDiff = diff;
      this.accumulate(a, b);
    }
    this.elements += original.length;
    return this;
  }

  result(): Comparison {
    const { elements } = this;
    if (this.identical) return { elements, maxAbsDiff: 0, cosine: 1 };
    if (this.nonFinite) return { elements, maxAbsDiff: NON_FINITE_DIFF, cosine: 0 };
    return { elements, maxAbsDiff: this.maxAbsDiff, cosine: this.cosine() };
  }

  private accumulate(a: number, b: number): void {
    this.dot += a * b;
    this.originalNorm += a * a;
    this.variantNorm += b * b;
  }

  private cosine(): number {
    // Two zero vectors point the same way; a zero against a non-zero has no direction in common.
    if (this.originalNorm === 0 && this.variantNorm === 0) return 1;
    if (this.originalNorm === 0 || this.variantNorm === 0) return 0;
    const cosine = this.dot / Math.sqrt(this.originalNorm * this.variantNorm);
    // Rounding can carry a near-identical pair a hair past ±1.
    return Math.min(1, Math.max(-1, cosine));
  }
}

export function compare(original: ArrayLike<number>, variant: ArrayLike<number>): Comparison {
  return new Comparer().add(original, variant).result();
}

/**
 * A tensor's values as numbers: floats as they are (float16 decoded), integers and
 * bools by value. Strings have no distance: null.
 */
export function numericValues(tensor: ort.Tensor): ArrayLike<number> | null {
  const data: unknown = tensor.data;
  if (tensor.type === 'string') return null;
  if (tensor.type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, halfToFloat);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, Number);
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return data as unknown as ArrayLike<number>;
  return null;
}

/** The last row of a [batch 1, seq, vocab] logits tensor: the next-token scores. */
export function lastRow(values: ArrayLike<number>, rows: number): ArrayLike<number> {
  const width = values.length / rows;
  const start = (rows - 1) * width;
  return ArrayBuffer.isView(values)
    ? (values as unknown as Float32Array).subarray(start, start + width)
    : Array.from({ length: width }, (_, i) => values[start + i]!);
}

/** The index of the largest value; the first of equals, as generate.ts picks. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** IEEE 754 half-precision bits to a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
