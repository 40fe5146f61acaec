import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../electron/core/models/inspect.js';
import { encodeModel } from '../../electron/core/models/onnx-proto.js';
import { DynoError } from '../../electron/shared/errors.js';
import { findPreset, makePreset, PRESETS, presetBytes } from '../../models/index.js';
import { buildMlp } from '../../models/presets/mlp.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('model presets', () => {
  it('make byte-identical models on every run', () => {
    for (const name of ['mlp', 'cnn', 'embedding', 'decoder']) {
      expect(sha256(presetBytes(name)), name).toBe(sha256(presetBytes(name)));
    }
  });

  it('make different weights from a different seed', () => {
    const widths = [4, 8, 2];
    const first = encodeModel(buildMlp({ widths, seed: 1 }).toModel());
    const second = encodeModel(buildMlp({ widths, seed: 2 }).toModel());
    expect(first.length).toBe(second.length);
    expect(sha256(first)).not.toBe(sha256(second));
  });

  it('writes a preset into the folder the caller picks and returns its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modeldyno-presets-'));
    try {
      const path = await makePreset('cnn', join(dir, 'cache'));
      expect(path).toBe(join(dir, 'cache', 'cnn.onnx'));
      expect(sha256(readFileSync(path))).toBe(sha256(presetBytes('cnn')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown preset with a usage error that lists the known ones', async () => {
    const made = makePreset('gpt5', tmpdir());
    await expect(made).rejects.toBeInstanceOf(DynoError);
    await expect(made).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('gpt2-small') });
  });

  it('list bundled and on-demand presets, including real architectures', () => {
    const names = PRESETS.map((preset) => preset.name);
    expect(PRESETS.filter((preset) => preset.bundled).map((preset) => preset.name)).toEqual([
      'mlp',
      'cnn',
      'embedding',
      'decoder',
    ]);
    expect(names).toEqual(expect.arrayContaining(['gpt2-small', 'mlp-large', 'embedding-large']));
  });

  it.each(PRESETS.map((preset) => preset.name))('%s states its parameter count to within 1%%', (name) => {
    const preset = findPreset(name);
    const actual = preset.build().parameterCount();
    expect(Math.abs(actual - preset.approxParams) / actual).toBeLessThan(0.01);
  });

  it('gives gpt2-small the 124,439,808 parameters and the Optimum interface of GPT-2', () => {
    const model = findPreset('gpt2-small').build().toModel({ weights: 'shapes-only' });
    const graph = inspectModel(encodeModel(model));
    expect(graph.parameterCount).toBe(124_439_808);
    expect(graph.inputs.slice(0, 4).map((input) => input.name)).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      'past_key_values.0.key',
    ]);
    expect(graph.inputs).toHaveLength(3 + 2 * 12);
    expect(graph.inputs[26]).toEqual({
      name: 'past_key_values.11.value',
      dtype: 'float32',
      shape: ['batch_size', 12, 'past_sequence_length', 64],
    });
    expect(graph.outputs[0]).toEqual({
      name: 'logits',
      dtype: 'float32',
      shape: ['batch_size', 'sequence_length', 50257],
    });
    expect(graph.outputs[24]?.name).toBe('present.11.value');
    expect(graph.opCounts.LayerNormalization).toBe(2 * 12 + 1);
    expect(graph.indexBounds).toEqual({ input_ids: 50257, position_ids: 1024 });
  });
});
