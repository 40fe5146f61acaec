import type * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectModel } from '../../electron/core/models/inspect.js';
import { encodeModel } from '../../electron/core/models/onnx-proto.js';
import { findPreset, presetBytes } from '../../models/index.js';
import { buildDecoder, type DecoderConfig } from '../../models/presets/decoder.js';
import { DECODER_GQA_TINY, DECODER_NOCACHE_TINY } from '../../models/presets/index.js';
import { decoderForward, type DecoderInputs } from './reference/decoder.js';
import { maxError, seededValues } from './reference/math.js';
import { floats, floatTensor, int64Tensor, sessionFor, sessionForBuilder } from './helpers.js';

const TOLERANCE = 1e-4;
const PROMPT = [17, 511, 3, 256, 88, 100];

type Feeds = Record<string, ort.Tensor>;

/** decoder-gqa-tiny: 2 layers, 4 query heads of 16 sharing 2 KV heads. */
const GQA = { layers: 2, kvHeads: 2, headDim: 16, vocab: 512 };

function emptyCache(): Feeds {
  const cache: Feeds = {};
  for (let layer = 0; layer < GQA.layers; layer++) {
    for (const part of ['key', 'value']) {
      cache[`past_key_values.${layer}.${part}`] = floatTensor(new Float32Array(0), [1, GQA.kvHeads, 0, GQA.headDim]);
    }
  }
  return cache;
}

function cacheFrom(outputs: ort.InferenceSession.OnnxValueMapType): Feeds {
  const cache: Feeds = {};
  for (let layer = 0; layer < GQA.layers; layer++) {
    for (const part of ['key', 'value']) {
      const present = outputs[`present.${layer}.${part}`];
      if (!present) throw new Error(`missing present.${layer}.${part}`);
      cache[`past_key_values.${layer}.${part}`] = present as ort.Tensor;
    }
  }
  return cache;
}

/** Feeds for `tokens` after `past` cached positions, every position unmasked. */
function stepFeeds(tokens: readonly number[], past: number, cache: Feeds): Feeds {
  const total = past + tokens.length;
  return {
    input_ids: int64Tensor(tokens, [1, tokens.length]),
    attention_mask: int64Tensor(
      Array.from({ length: total }, () => 1),
      [1, total],
    ),
    position_ids: int64Tensor(
      tokens.map((_, i) => past + i),
      [1, tokens.length],
    ),
    ...cache,
  };
}

function lastLogits(outputs: ort.InferenceSession.OnnxValueMapType): Float32Array {
  const logits = outputs.logits as ort.Tensor;
  const vocab = logits.dims[2] as number;
  const positions = logits.dims[1] as number;
  return floats(logits).subarray((positions - 1) * vocab);
}

/** Feeds for a reference case; past inputs only when the config has a KV cache. */
function referenceFeeds(config: DecoderConfig, inputs: DecoderInputs): Feeds {
  const { batch, sequence, past } = inputs;
  const feeds: Feeds = {
    input_ids: int64Tensor(inputs.inputIds, [batch, sequence]),
    attention_mask: int64Tensor(inputs.attentionMask, [batch, past + sequence]),
    position_ids: int64Tensor(inputs.positionIds, [batch, sequence]),
  };
  if (config.kvCache === false) return feeds;
  const shape = [batch, config.kvHeads ?? config.heads, past, config.dModel / config.heads];
  for (let layer = 0; layer < config.layers; layer++) {
    feeds[`past_key_values.${layer}.key`] = floatTensor(inputs.pastKeys[layer] ?? new Float32Array(0), shape);
    feeds[`past_key_values.${layer}.value`] = floatTensor(inputs.pastValues[layer] ?? new Float32Array(0), shape);
  }
  return feeds;
}

/** Batch 2, the second row left-padded (its first key position hidden). */
function paddedInputs(config: DecoderConfig, past: number): DecoderInputs {
  const [batch, sequence] = [2, 4];
  const cacheSize = batch * (config.kvHeads ?? config.heads) * past * (config.dModel / config.heads);
  const total = past + sequence;
  return {
    batch,
    sequence,
    past,
    inputIds: [3, 14, 15, 9, 26, 5, 35, 49],
    positionIds: [0, 1, 2, 3, 0, 1, 2, 3].map((p) => p + past),
    attentionMask: [...Array.from({ length: total }, () => 1), 0, ...Array.from({ length: total - 1 }, () => 1)],
    pastKeys: Array.from({ length: config.layers }, (_, i) => seededValues(cacheSize, 10 + i)),
    pastValues: Array.from({ length: config.layers }, (_, i) => seededValues(cacheSize, 20 + i)),
  };
}

describe('the grouped-query decoder with a KV cache', () => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    session = await sessionFor(presetBytes('decoder-gqa-tiny'));
  });

  it('caches 2 KV heads per layer, not one per query head', async () => {
    const outputs = await session.run(stepFeeds(PROMPT, 0, emptyCache()));
    expect(outputs.logits?.dims).toEqual([1, PROMPT.length, GQA.vocab]);
    expect(outputs['present.1.value']?.dims).toEqual([1, GQA.kvHeads, PROMPT.length, GQA.headDim]);
  });

  it('decodes a token from the cache exactly as a full recompute of the whole sequence', async () => {
    const prefill = await session.run(stepFeeds(PROMPT.slice(0, -1), 0, emptyCache()));
    const cached = await session.run(stepFeeds(PROMPT.slice(-1), PROMPT.length - 1, cacheFrom(prefill)));
    const full = await session.run(stepFeeds(PROMPT, 0, emptyCache()));
    expect(cached.logits?.dims).toEqual([1, 1, GQA.vocab]);
    expect(maxError(lastLogits(cached), lastLogits(full))).toBeLessThan(TOLERANCE);
    expect(maxError(floats(cached['present.1.value']), floats(full['present.1.value']))).toBeLessThan(1e-5);
  });
});

const LLAMA_LIKE: DecoderConfig = { ...DECODER_GQA_TINY, dModel: 16, heads: 4, vocab: 50, mlpHidden: 24, seed: 5 };
const REFERENCE_CASES: [string, DecoderConfig][] = [
  ['Llama-shaped, 4 query heads on 2 KV heads', LLAMA_LIKE],
  [
    'GPT-2-shaped with one fused c_attn, 4 query heads on 1 KV head',
    { layers: 2, dModel: 16, heads: 4, kvHeads: 1, vocab: 50, maxPositions: 32, embeddingStd: 0.5, seed: 6 },
  ],
];

describe('decoders compute what the plain TypeScript reference computes', () => {
  it.each(REFERENCE_CASES)('%s, over a past cache and a left-padded mask', async (_, config) => {
    const g = buildDecoder(config);
    const inputs = paddedInputs(config, 3);
    const outputs = await (await sessionForBuilder(g)).run(referenceFeeds(config, inputs));
    const expected = decoderForward(g, config, inputs);
    expect(maxError(floats(outputs.logits), expected.logits)).toBeLessThan(TOLERANCE);
    for (let layer = 0; layer < config.layers; layer++) {
      expect(outputs[`present.${layer}.key`]?.dims).toEqual([2, config.kvHeads, 7, 4]);
      expect(maxError(floats(outputs[`present.${layer}.key`]), expected.presentKeys[layer] ?? [])).toBeLessThan(
        TOLERANCE,
      );
      expect(maxError(floats(outputs[`present.${layer}.value`]), expected.presentValues[layer] ?? [])).toBeLessThan(
        TOLERANCE,
      );
    }
  });

  it('builds the same bytes when the GPT-2 defaults are spelled out', () => {
    const base: DecoderConfig = {
      layers: 1,
      dModel: 8,
      heads: 2,
      vocab: 30,
      maxPositions: 8,
      embeddingStd: 0.5,
      seed: 3,
    };
    const spelledOut: DecoderConfig = {
      ...base,
      kvHeads: 2,
      fusedQkv: true,
      norm: 'layer',
      mlp: 'gelu',
      mlpHidden: 32,
      bias: true,
      tiedHead: true,
      kvCache: true,
    };
    expect(
      Buffer.compare(encodeModel(buildDecoder(base).toModel()), encodeModel(buildDecoder(spelledOut).toModel())),
    ).toBe(0);
  });
});

describe('the decoder without a KV cache', () => {
  it('takes ids, mask and positions and returns only logits', async () => {
    const graph = inspectModel(presetBytes('decoder-nocache-tiny'));
    expect(graph.inputs).toEqual([
      { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'position_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
    ]);
    expect(graph.outputs).toEqual([
      { name: 'logits', dtype: 'float32', shape: ['batch_size', 'sequence_length', 512] },
    ]);
  });

  it('recomputes a left-padded batch as the reference does', async () => {
    const config = DECODER_NOCACHE_TINY;
    const g = findPreset('decoder-nocache-tiny').build();
    const inputs = paddedInputs(config, 0);
    const outputs = await (await sessionFor(presetBytes('decoder-nocache-tiny'))).run(referenceFeeds(config, inputs));
    expect(outputs.logits?.dims).toEqual([2, 4, 512]);
    // The padded query (row 1, position 0) sees no key at all: in float32 every score
    // rounds to MASKED_SCORE and its softmax goes flat, in float64 it does not. Its
    // logits are meaningless either way, so compare every other position.
    const padded = 4 * 512;
    const actual = floats(outputs.logits);
    const expected = decoderForward(g, config, inputs).logits;
    expect(maxError(actual.subarray(0, padded), expected.subarray(0, padded))).toBeLessThan(TOLERANCE);
    expect(maxError(actual.subarray(padded + 512), expected.subarray(padded + 512))).toBeLessThan(TOLERANCE);
  });
});

describe('llama-gqa-small, inspected without materialising its weights', () => {
  const bytes = encodeModel(findPreset('llama-gqa-small').build().toModel({ weights: 'shapes-only' }));
  const graph = inspectModel(bytes);

  it('stays a skeleton of kilobytes', () => {
    expect(bytes.length).toBeLessThan(1_000_000);
  });

  it('bounds ids by a 32000-token vocabulary and positions by 2048', () => {
    expect(graph.indexBounds).toEqual({ input_ids: 32_000, position_ids: 2048 });
    expect(graph.outputs[0]?.shape).toEqual(['batch_size', 'sequence_length', 32_000]);
  });

  it('caches 2 KV heads of 64 in each of its 6 layers', () => {
    expect(graph.inputs).toHaveLength(3 + 2 * 6);
    expect(graph.inputs[14]).toEqual({
      name: 'past_key_values.5.value',
      dtype: 'float32',
      shape: ['batch_size', 2, 'past_sequence_length', 64],
    });
    expect(graph.outputs[1]).toEqual({
      name: 'present.0.key',
      dtype: 'float32',
      shape: ['batch_size', 2, 'total_sequence_length', 64],
    });
  });

  it('has Llama parts: RMSNorm, repeated KV heads and a SwiGLU MLP', () => {
    expect(graph.opCounts.LayerNormalization).toBeUndefined();
    expect(graph.opCounts.ReduceMean).toBe(2 * 6 + 1);
    expect(graph.opCounts.Expand).toBe(2 * 6);
    expect(graph.opCounts.Sigmoid).toBe(6);
  });

  it('counts 51.9M parameters: two 32000×512 tables, 2048 positions and 6 layers of 3.0M', () => {
    expect(graph.parameterCount).toBe(2 * 32_000 * 512 + 2048 * 512 + 6 * 3_015_680 + 512);
    expect(graph.parameterCount).toBeGreaterThan(45_000_000);
    expect(graph.parameterCount).toBeLessThan(60_000_000);
  });
});
