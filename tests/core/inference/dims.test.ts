import { describe, expect, it } from 'vitest';
import { parseDimList, resolveDims } from '../../../electron/core/inference/dims.js';
import type { TensorInfo } from '../../../electron/shared/model.js';

const decoderInputs: TensorInfo[] = [
  { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
  { name: 'attention_mask', dtype: 'int64', shape: ['batch_size', 'total_sequence_length'] },
  { name: 'past_key_values.0.key', dtype: 'float32', shape: ['batch_size', 4, 'past_sequence_length', 32] },
];

describe('resolveDims', () => {
  it('prefers user values, then model metadata, then name-based defaults, and says which', () => {
    const { dims } = resolveDims(decoderInputs, { sequence_length: 7 }, { batch_size: 2 });
    expect(dims).toEqual(
      expect.arrayContaining([
        { name: 'sequence_length', value: 7, source: 'user' },
        { name: 'batch_size', value: 2, source: 'model' },
        { name: 'past_sequence_length', value: 0, source: 'default' },
      ]),
    );
  });

  it('does not take a value from Object.prototype for a dim named like one of its members', () => {
    const inputs: TensorInfo[] = [{ name: 'x', dtype: 'float32', shape: ['constructor', 'toString', 8] }];
    const { dims } = resolveDims(inputs, {}, {});
    for (const dim of dims) {
      expect(typeof dim.value).toBe('number');
      expect(dim.source).toBe('default');
    }
  });

  it('makes a total length the sum of past and new tokens so masks fit the cache', () => {
    const { dims, inputs } = resolveDims(decoderInputs, { sequence_length: 5, past_sequence_length: 3 }, {});
    expect(dims.find((d) => d.name === 'total_sequence_length')?.value).toBe(8);
    expect(inputs[1]!.shape).toEqual([1, 8]);
  });

  it("recomputes the total from the user's past and new lengths over the model's default total", () => {
    const model = { batch_size: 1, sequence_length: 32, past_sequence_length: 0, total_sequence_length: 32 };
    const { dims } = resolveDims(decoderInputs, { sequence_length: 1, past_sequence_length: 128 }, model);
    expect(dims.find((d) => d.name === 'total_sequence_length')?.value).toBe(129);
  });

  it('evaluates sums written into dim names by exporters', () => {
    const inputs: TensorInfo[] = [
      { name: 'mask', dtype: 'int64', shape: ['batch', 'past_sequence_length + 1'] },
      { name: 'past', dtype: 'float32', shape: ['batch', 'past_sequence_length'] },
    ];
    const { inputs: concrete } = resolveDims(inputs, { past_sequence_length: 9 }, {});
    expect(concrete[0]!.shape).toEqual([1, 10]);
  });

  it('resolves open (unnamed) dims to 1 and keeps fixed dims', () => {
    const { inputs } = resolveDims([{ name: 'x', dtype: 'float32', shape: [null, 3, 'height', 'width'] }], {}, {});
    expect(inputs[0]!.shape).toEqual([1, 3, 224, 224]);
  });

  it('sets an unnamed dim by input and axis, and refuses fixed or missing ones', () => {
    const inputs: TensorInfo[] = [{ name: 'x', dtype: 'float32', shape: [null, 3, null, null] }];
    const { inputs: concrete, dims } = resolveDims(inputs, { 'x[2]': 64, 'x[3]': 96 }, {});
    expect(concrete[0]!.shape).toEqual([1, 3, 64, 96]);
    expect(dims).toContainEqual({ name: 'x[2]', value: 64, source: 'user' });
    expect(() => resolveDims(inputs, { 'x[1]': 4 }, {})).toThrow(/fixes that dimension at 3/);
    expect(() => resolveDims(inputs, { 'x[7]': 4 }, {})).toThrow(/has 4 dimensions/);
    expect(() => resolveDims(inputs, { 'y[0]': 4 }, {})).toThrow(/no input "y"/);
  });

  it('rejects a --dim the model does not have, listing the ones it has', () => {
    expect(() => resolveDims(decoderInputs, { seq: 4 }, {})).toThrow(/no symbolic dimension.*batch_size/);
  });
});

describe('parseDimList', () => {
  it('reads name=value lists and rejects malformed entries', () => {
    expect(parseDimList('batch=4, height=32')).toEqual({ batch: 4, height: 32 });
    expect(() => parseDimList('batch')).toThrow(/NAME=VALUE/);
    expect(() => parseDimList('batch=-1')).toThrow(/NAME=VALUE/);
    expect(() => parseDimList('batch=1.5')).toThrow(/NAME=VALUE/);
  });
});
