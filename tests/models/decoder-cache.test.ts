import { readFileSync } from 'node:fs';
import type * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxError } from './reference/math.js';
import { floats, floatTensor, int64Tensor, sessionFor } from './helpers.js';

/** The bundled decoder: 2 layers, 4 heads of 32, vocabulary 2000. */
const LAYERS = 2;
const HEADS = 4;
const HEAD_DIM = 32;
const PROMPT = [17, 1999, 3, 256, 88, 1024];

let session: ort.InferenceSession;

beforeAll(async () => {
  session = await sessionFor(readFileSync(new URL('../../models/decoder.onnx', import.meta.url)));
});

type Cache = Record<string, ort.Tensor>;

function emptyCache(): Cache {
  const cache: Cache = {};
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const part of ['key', 'value']) {
      cache[`past_key_values.${layer}.${part}`] = floatTensor(new Float32Array(0), [1, HEADS, 0, HEAD_DIM]);
    }
  }
  return cache;
}

/** Feeds `tokens` after `past` cached positions; mask defaults to all ones. */
async function step(tokens: readonly number[], past: number, cache: Cache, mask?: readonly number[]) {
  const total = past + tokens.length;
  return session.run({
    input_ids: int64Tensor(tokens, [1, tokens.length]),
    attention_mask: int64Tensor(mask ?? Array.from({ length: total }, () => 1), [1, total]),
    position_ids: int64Tensor(
      tokens.map((_, i) => past + i),
      [1, tokens.length],
    ),
    ...cache,
  });
}

function cacheFrom(outputs: ort.InferenceSession.OnnxValueMapType): Cache {
  const cache: Cache = {};
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const part of ['key', 'value']) {
      const present = outputs[`present.${layer}.${part}`];
      if (!present) throw new Error(`missing present.${layer}.${part}`);
      cache[`past_key_values.${layer}.${part}`] = present as ort.Tensor;
    }
  }
  return cache;
}

/** The logits of one position of a [1, sequence, vocab] output. */
function logitsAt(outputs: ort.InferenceSession.OnnxValueMapType, position: number): Float32Array {
  const logits = floats(outputs.logits as ort.Tensor);
  const vocab = (outputs.logits as ort.Tensor).dims[2] as number;
  return logits.subarray(position * vocab, (position + 1) * vocab);
}

describe('the bundled decoder with a KV cache', () => {
  it('accepts an empty past on the first step and returns a cache as long as the prompt', async () => {
    const outputs = await step(PROMPT, 0, emptyCache());
    expect(outputs.logits?.dims).toEqual([1, PROMPT.length, 2000]);
    expect(outputs['present.1.value']?.dims).toEqual([1, HEADS, PROMPT.length, HEAD_DIM]);
  });

  it('decodes a token from the cache exactly as a full recompute of the whole sequence', async () => {
    const prefill = await step(PROMPT.slice(0, -1), 0, emptyCache());
    const cached = await step(PROMPT.slice(-1), PROMPT.length - 1, cacheFrom(prefill));
    const full = await step(PROMPT, 0, emptyCache());
    expect(cached.logits?.dims).toEqual([1, 1, 2000]);
    expect(maxError(logitsAt(cached, 0), logitsAt(full, PROMPT.length - 1))).toBeLessThan(1e-4);
    expect(
      maxError(floats(cached['present.0.key'] as ort.Tensor), floats(full['present.0.key'] as ort.Tensor)),
    ).toBeLessThan(1e-5);
  });

  it('keeps earlier positions blind to later tokens (causal mask)', async () => {
    const original = await step(PROMPT, 0, emptyCache());
    const changed = await step([...PROMPT.slice(0, -1), 5], 0, emptyCache());
    expect(maxError(logitsAt(changed, 2), logitsAt(original, 2))).toBeLessThan(1e-6);
    expect(maxError(logitsAt(changed, PROMPT.length - 1), logitsAt(original, PROMPT.length - 1))).toBeGreaterThan(1e-3);
  });

  it('hides a position whose attention_mask is 0 from every query', async () => {
    const mask = [0, 1, 1, 1, 1, 1];
    const original = await step(PROMPT, 0, emptyCache(), mask);
    const changed = await step([1500, ...PROMPT.slice(1)], 0, emptyCache(), mask);
    const last = PROMPT.length - 1;
    expect(maxError(logitsAt(changed, last), logitsAt(original, last))).toBeLessThan(1e-6);
    // Without the mask the same change is visible, so the check above can fail.
    const visibleOriginal = await step(PROMPT, 0, emptyCache());
    const visibleChanged = await step([1500, ...PROMPT.slice(1)], 0, emptyCache());
    expect(maxError(logitsAt(visibleChanged, last), logitsAt(visibleOriginal, last))).toBeGreaterThan(1e-3);
  });
});
