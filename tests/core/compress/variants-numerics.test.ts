/**
 * The number formats under the variants: float32 → float16 rounding (checked exhaustively
 * and against ONNX Runtime's own Cast), and magnitude pruning's exact share of zeros.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { halfBits, halfToFloat, toHalf } from '../../../electron/core/compress/float16.js';
import { pruneValues } from '../../../electron/core/compress/prune.js';
import { encodeModel } from '../../../electron/core/models/onnx-proto.js';
import { int } from '../../../models/builder/attributes.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { seededRandom } from '../../../electron/core/inference/tensors.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** The float32 bit pattern of a number (rounded to float32 first). */
const bitsOf = (value: number) => ((f32[0] = value), u32[0]!);

describe('float32 → float16', () => {
  it('maps every half value back to its own bits', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const value = halfToFloat(h);
      const back = halfBits(bitsOf(value));
      if (Number.isNaN(value) ? !Number.isNaN(halfToFloat(back)) : back !== h) wrong.push(h.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('rounds halfway cases to the even neighbour and everything else to the nearest', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 0x7bff; h++) {
      const middle = (halfToFloat(h) + halfToFloat(h + 1)) / 2; // exact in float32
      const even = h % 2 === 0 ? h : h + 1;
      const got = [bitsOf(middle), bitsOf(middle) + 1, bitsOf(middle) - 1, bitsOf(-middle)].map(halfBits);
      if (got.join() !== [even, h + 1, h, even | 0x8000].join()) wrong.push(h.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('keeps subnormals, signed zero, infinities and NaN', () => {
    expect(halfBits(bitsOf(2 ** -24))).toBe(0x0001);
    expect(halfBits(bitsOf(2 ** -25))).toBe(0x0000); // a tie with 0: even
    expect(halfBits(bitsOf(2 ** -25 * 1.001))).toBe(0x0001);
    expect(halfBits(bitsOf(-0))).toBe(0x8000);
    expect(halfBits(bitsOf(Infinity))).toBe(0x7c00);
    expect(halfBits(bitsOf(-Infinity))).toBe(0xfc00);
    expect(Number.isNaN(halfToFloat(halfBits(bitsOf(NaN))))).toBe(true);
  });

  it('clamps finite values beyond the half range to ±65504 and counts them', () => {
    const { bits, clamped } = toHalf(Float32Array.of(65519, 65520, 70000, -1e9, Infinity, 1));
    expect(Array.from(bits)).toEqual([0x7bff, 0x7bff, 0x7bff, 0xfbff, 0x7c00, 0x3c00]);
    expect(clamped).toBe(3);
  });

  it('gives the bits ONNX Runtime’s own Cast gives, subnormals included', async () => {
    const random = seededRandom(3);
    const values = Float32Array.from({ length: 20_000 }, (_, i) => {
      const magnitude = 2 ** (random() * 46 - 30); // 1e-9 … 6e4: subnormal to near the top
      return (i % 2 ? -1 : 1) * magnitude * (1 + random());
    });
    const g = new GraphBuilder('cast', 1);
    const x = g.input('x', 'float32', [values.length]);
    g.output(g.op('Cast', [x], { to: int(10) }), 'y', 'float16', [values.length]);
    const session = await ort.InferenceSession.create(encodeModel(g.toModel()));
    const result = await session.run({ x: new ort.Tensor('float32', values, [values.length]) });
    await session.release();
    const expected = Array.from(result['y']!.data as Uint16Array);
    const { bits, clamped } = toHalf(values);
    // ORT overflows to ±inf where the variant clamps: compare the values that fit.
    const fits = (h: number) => (h & 0x7fff) !== 0x7c00;
    const ours = Array.from(bits).filter((_, i) => fits(expected[i]!));
    expect(ours).toEqual(expected.filter(fits));
    expect(clamped).toBe(expected.length - expected.filter(fits).length);
  });
});

describe('magnitude pruning', () => {
  it('zeroes exactly the share asked for, smallest magnitudes first, ties by position', () => {
    const values = Float32Array.of(0.1, -0.1, 0.1, 2, -3, 0.1);
    expect(Array.from(pruneValues(values, 0.5))).toEqual([0, 0, 0, 2, -3, Math.fround(0.1)]);
    expect(values[0]).toBe(Math.fround(0.1));
    const random = seededRandom(9);
    const weights = Float32Array.from({ length: 1001 }, () => random() - 0.5);
    const pruned = pruneValues(weights, 0.3);
    expect(pruned.filter((v) => v === 0).length).toBe(Math.round(0.3 * 1001));
    const keptMin = Math.min(
      ...Array.from(pruned)
        .filter((v) => v !== 0)
        .map(Math.abs),
    );
    const zeroedMax = Math.max(
      ...Array.from(weights)
        .filter((_, i) => pruned[i] === 0)
        .map(Math.abs),
    );
    expect(zeroedMax).toBeLessThanOrEqual(keptMin);
  });
});
