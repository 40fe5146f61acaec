import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../electron/core/models/inspect.js';
import { encodeModel } from '../../electron/core/models/onnx-proto.js';
import { fillNormal, seedFor, Xoshiro128 } from '../../models/builder/prng.js';
import { writeModelFile } from '../../models/builder/write-model.js';
import { buildDecoder } from '../../models/presets/decoder.js';

const TINY_DECODER = { layers: 1, dModel: 8, heads: 2, vocab: 300, maxPositions: 16, embeddingStd: 0.5, seed: 9 };

describe('the model builder', () => {
  it('fills weights with roughly normal values of the mean and deviation asked for', () => {
    const values = new Float32Array(200_000);
    fillNormal(values, 42, 0.5, 1);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(1, 2);
    expect(std).toBeCloseTo(0.5, 2);
    // Irwin–Hall of four uniforms: within ±2√3 σ, and not uniform (most mass near the mean).
    expect(values.reduce((worst, v) => Math.max(worst, Math.abs(v - 1)), 0)).toBeLessThanOrEqual(
      2 * Math.sqrt(3) * 0.5,
    );
    expect(values.filter((v) => Math.abs(v - 1) < 0.5).length / values.length).toBeGreaterThan(0.65);
  });

  it('gives every tensor its own stream, derived from the model seed and the tensor name', () => {
    const first = (seed: number) => new Xoshiro128(seed).nextUint32();
    expect(first(seedFor(1, 'h.0.attn.c_attn.weight'))).toBe(first(seedFor(1, 'h.0.attn.c_attn.weight')));
    expect(first(seedFor(1, 'h.0.attn.c_attn.weight'))).not.toBe(first(seedFor(1, 'h.0.attn.c_proj.weight')));
    expect(first(seedFor(1, 'wte.weight'))).not.toBe(first(seedFor(2, 'wte.weight')));
  });

  it('describes a shapes-only model with every parameter but no weight bytes', () => {
    const builder = buildDecoder(TINY_DECODER);
    const full = encodeModel(builder.toModel());
    const skeleton = encodeModel(builder.toModel({ weights: 'shapes-only' }));
    expect(full.length - skeleton.length).toBeGreaterThanOrEqual(4 * builder.parameterCount());
    expect(inspectModel(skeleton).parameterCount).toBe(builder.parameterCount());
    expect(inspectModel(skeleton).indexBounds).toEqual({ input_ids: 300, position_ids: 16 });
  });

  it('streams a model file byte-identical to encoding the whole model at once', async () => {
    const builder = buildDecoder(TINY_DECODER);
    const options = { metadata: { 'modeldyno.dims': 'batch_size=1' }, docString: 'tiny' };
    const dir = mkdtempSync(join(tmpdir(), 'modeldyno-builder-'));
    try {
      const path = join(dir, 'tiny.onnx');
      await writeModelFile(builder, options, path);
      expect(Buffer.compare(readFileSync(path), encodeModel(builder.toModel(options)))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
