import { describe, expect, it } from 'vitest';
import { buildCnn, type CnnConfig } from '../../models/presets/cnn.js';
import { buildDecoder, type DecoderConfig } from '../../models/presets/decoder.js';
import { buildEmbedding, type EmbeddingConfig } from '../../models/presets/embedding.js';
import { buildMlp } from '../../models/presets/mlp.js';
import { findPreset } from '../../models/index.js';
import { decoderForward, type DecoderInputs } from './reference/decoder.js';
import { maxError, seededValues } from './reference/math.js';
import { cnnForward, embeddingForward, mlpForward } from './reference/networks.js';
import { floats, floatTensor, int64Tensor, sessionForBuilder } from './helpers.js';

const TOLERANCE = 1e-4;

describe('generated models compute what a plain TypeScript reference computes', () => {
  it('runs the MLP as Gemm + Relu and MatMul + Add + Gelu layers', async () => {
    const widths = [6, 10, 8, 3];
    const g = buildMlp({ widths, seed: 7 });
    const batch = 3;
    const input = seededValues(batch * 6, 1, 2);
    const session = await sessionForBuilder(g);
    const { output } = await session.run({ input: floatTensor(input, [batch, 6]) });
    expect(output?.dims).toEqual([batch, 3]);
    expect(maxError(floats(output), mlpForward(g, widths, input, batch))).toBeLessThan(TOLERANCE);
  });

  it('runs the CNN as padded strided convolutions, batch norm, pooling and a classifier', async () => {
    const config: CnnConfig = { channels: [4, 6, 8], classes: 3, seed: 11 };
    const g = buildCnn(config);
    const [batch, height, width] = [2, 9, 11];
    const images = seededValues(batch * 3 * height * width, 2);
    const session = await sessionForBuilder(g);
    const { logits } = await session.run({ image: floatTensor(images, [batch, 3, height, width]) });
    expect(logits?.dims).toEqual([batch, 3]);
    const expected = cnnForward(g, config, images, batch, height, width);
    expect(maxError(floats(logits), expected)).toBeLessThan(TOLERANCE);
  });

  it('runs the embedding model as the projected mean of the gathered rows', async () => {
    const config: EmbeddingConfig = { vocab: 40, embeddingDim: 5, outFeatures: 3, seed: 3 };
    const g = buildEmbedding(config);
    const ids = [0, 39, 7, 7, 12, 30, 1, 2];
    const session = await sessionForBuilder(g);
    const { features } = await session.run({ ids: int64Tensor(ids, [2, 4]) });
    expect(maxError(floats(features), embeddingForward(g, config, ids, 2, 4))).toBeLessThan(TOLERANCE);
  });

  it('runs the decoder like GPT-2 with a past cache and a left-padded attention mask', async () => {
    const config: DecoderConfig = {
      layers: 2,
      dModel: 16,
      heads: 2,
      vocab: 50,
      maxPositions: 32,
      embeddingStd: 0.5,
      seed: 5,
    };
    const g = buildDecoder(config);
    const [batch, past, sequence] = [2, 3, 4];
    const total = past + sequence;
    const cacheSize = batch * config.heads * past * (config.dModel / config.heads);
    const inputs: DecoderInputs = {
      batch,
      sequence,
      past,
      inputIds: [3, 14, 15, 9, 26, 5, 35, 49],
      positionIds: [3, 4, 5, 6, 2, 3, 4, 5],
      // The second row is left-padded: its first key position is hidden.
      attentionMask: [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
      pastKeys: [seededValues(cacheSize, 10), seededValues(cacheSize, 11)],
      pastValues: [seededValues(cacheSize, 12), seededValues(cacheSize, 13)],
    };
    const feeds = decoderFeeds(config, inputs);
    const session = await sessionForBuilder(g);
    const outputs = await session.run(feeds);
    const expected = decoderForward(g, config, inputs);
    expect(outputs.logits?.dims).toEqual([batch, sequence, config.vocab]);
    expect(maxError(floats(outputs.logits), expected.logits)).toBeLessThan(TOLERANCE);
    for (let layer = 0; layer < config.layers; layer++) {
      expect(outputs[`present.${layer}.key`]?.dims).toEqual([batch, config.heads, total, 8]);
      expect(maxError(floats(outputs[`present.${layer}.key`]), expected.presentKeys[layer] ?? [])).toBeLessThan(
        TOLERANCE,
      );
      expect(maxError(floats(outputs[`present.${layer}.value`]), expected.presentValues[layer] ?? [])).toBeLessThan(
        TOLERANCE,
      );
    }
  });

  it('runs the bundled decoder prefill like the reference', async () => {
    const g = findPreset('decoder').build();
    const config = { layers: 2, dModel: 128, heads: 4, vocab: 2000, maxPositions: 256, embeddingStd: 0.3, seed: 0 };
    const inputs: DecoderInputs = {
      batch: 1,
      sequence: 5,
      past: 0,
      inputIds: [1, 1999, 42, 7, 1000],
      positionIds: [0, 1, 2, 3, 4],
      attentionMask: [1, 1, 1, 1, 1],
      pastKeys: [new Float32Array(0), new Float32Array(0)],
      pastValues: [new Float32Array(0), new Float32Array(0)],
    };
    const session = await sessionForBuilder(g);
    const outputs = await session.run(decoderFeeds(config, inputs));
    expect(maxError(floats(outputs.logits), decoderForward(g, config, inputs).logits)).toBeLessThan(TOLERANCE);
  });
});

function decoderFeeds(config: DecoderConfig, inputs: DecoderInputs) {
  const { batch, sequence, past } = inputs;
  const headDim = config.dModel / config.heads;
  const feeds: Record<string, ReturnType<typeof floatTensor>> = {
    input_ids: int64Tensor(inputs.inputIds, [batch, sequence]),
    attention_mask: int64Tensor(inputs.attentionMask, [batch, past + sequence]),
    position_ids: int64Tensor(inputs.positionIds, [batch, sequence]),
  };
  for (let layer = 0; layer < config.layers; layer++) {
    const shape = [batch, config.heads, past, headDim];
    feeds[`past_key_values.${layer}.key`] = floatTensor(inputs.pastKeys[layer] ?? new Float32Array(0), shape);
    feeds[`past_key_values.${layer}.value`] = floatTensor(inputs.pastValues[layer] ?? new Float32Array(0), shape);
  }
  return feeds;
}
