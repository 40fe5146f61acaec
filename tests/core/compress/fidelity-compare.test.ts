/** The arithmetic of fidelity on the edge cases a real output can hold: zeros, NaN, infinities, integers, halves. */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  argmax,
  compare,
  Comparer,
  halfToFloat,
  NON_FINITE_DIFF,
  numericValues,
} from '../../../electron/core/compress/fidelity-compare.js';

describe('compare', () => {
  it('measures the largest difference and the cosine of two vectors', () => {
    const result = compare([3, 4], [4, 3]);
    expect(result.elements).toBe(2);
    expect(result.maxAbsDiff).toBe(1);
    expect(result.cosine).toBeCloseTo(24 / 25, 12);
    expect(compare([1, 2], [-1, -2]).cosine).toBe(-1);
  });

  it('calls two zero vectors the same and a zero against a non-zero unrelated', () => {
    expect(compare([0, 0], [0, 0])).toEqual({ elements: 2, maxAbsDiff: 0, cosine: 1 });
    expect(compare([0, 0], [0, 0.5])).toEqual({ elements: 2, maxAbsDiff: 0.5, cosine: 0 });
    expect(compare([0.5, 0], [0, 0])).toEqual({ elements: 2, maxAbsDiff: 0.5, cosine: 0 });
  });

  it('reports NaN anywhere, or an infinity against another value, as the finite sentinel and cosine 0', () => {
    expect(compare([1, NaN], [1, NaN])).toEqual({ elements: 2, maxAbsDiff: NON_FINITE_DIFF, cosine: 0 });
    expect(compare([1, 2], [1, NaN])).toEqual({ elements: 2, maxAbsDiff: NON_FINITE_DIFF, cosine: 0 });
    expect(compare([1, Infinity], [1, 2])).toEqual({ elements: 2, maxAbsDiff: NON_FINITE_DIFF, cosine: 0 });
    expect(JSON.parse(JSON.stringify(compare([NaN], [0])))).toEqual({
      elements: 1,
      maxAbsDiff: NON_FINITE_DIFF,
      cosine: 0,
    });
  });

  it('counts equal infinities (a masked logit in both) as equal values', () => {
    expect(compare([-Infinity, 1, 2], [-Infinity, 1, 2])).toEqual({ elements: 3, maxAbsDiff: 0, cosine: 1 });
    const close = compare([-Infinity, 1, 2], [-Infinity, 1, 2.5]);
    expect(close.maxAbsDiff).toBe(0.5);
    expect(close.cosine).toBeCloseTo(6 / Math.sqrt(5 * 7.25), 12);
  });

  it('accumulates chunks as one flattened pair', () => {
    const whole = compare([1, 2, 3, 4], [1, 2, 3, 5]);
    const chunked = new Comparer().add([1, 2], [1, 2]).add([3, 4], [3, 5]).result();
    expect(chunked).toEqual(whole);
  });

  it('refuses chunks of different lengths', () => {
    expect(() => compare([1, 2], [1])).toThrow(RangeError);
  });
});

describe('numericValues', () => {
  it('reads floats, halves, 64-bit integers and bools as numbers, and strings as nothing', () => {
    expect(Array.from(numericValues(new ort.Tensor('float32', Float32Array.from([1.5, -2]), [2]))!)).toEqual([1.5, -2]);
    // 0x3c00 = 1, 0xc000 = -2, 0x3555 ≈ 1/3, 0x7c00 = +∞, 0x0001 = the smallest subnormal.
    const halves = numericValues(new ort.Tensor('float16', Uint16Array.from([0x3c00, 0xc000, 0x7c00, 0x0001]), [4]))!;
    expect(Array.from(halves)).toEqual([1, -2, Infinity, 2 ** -24]);
    expect(halfToFloat(0x3555)).toBeCloseTo(1 / 3, 3);
    expect(Number.isNaN(halfToFloat(0x7e00))).toBe(true);
    const ids = numericValues(new ort.Tensor('int64', BigInt64Array.from([3n, -7n]), [2]))!;
    expect(Array.from(ids)).toEqual([3, -7]);
    expect(Array.from(numericValues(new ort.Tensor('bool', Uint8Array.from([1, 0]), [2]))!)).toEqual([1, 0]);
    expect(numericValues(new ort.Tensor('string', ['a'], [1]))).toBeNull();
  });

  it('compares integer outputs by value', () => {
    const a = numericValues(new ort.Tensor('int64', BigInt64Array.from([1n, 2n, 3n]), [3]))!;
    const b = numericValues(new ort.Tensor('int64', BigInt64Array.from([1n, 2n, 7n]), [3]))!;
    expect(compare(a, a)).toEqual({ elements: 3, maxAbsDiff: 0, cosine: 1 });
    expect(compare(a, b).maxAbsDiff).toBe(4);
    expect(compare(a, b).cosine).toBeCloseTo(26 / Math.sqrt(14 * 54), 12);
  });
});

describe('argmax', () => {
  it('picks the first of equal maxima, as greedy generation does', () => {
    expect(argmax([0.1, 0.9, 0.9, 0.2])).toBe(1);
    expect(argmax([5])).toBe(0);
  });
});
