import { readFileSync, statSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../electron/core/models/inspect.js';
import { PRESETS, presetBytes } from '../../models/index.js';
import { parseDims, sessionFor } from './helpers.js';

const BUNDLED = PRESETS.filter((preset) => preset.bundled).map((preset) => preset.name);
const modelPath = (name: string) => new URL(`../../models/${name}.onnx`, import.meta.url);

/** Seeded feeds for a model's inputs at its default dims; ids stay inside their tables. */
function defaultFeeds(bytes: Uint8Array): Record<string, ort.Tensor> {
  const graph = inspectModel(bytes);
  const dims = parseDims(graph.metadata['modeldyno.dims']);
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of graph.inputs) {
    const shape = input.shape.map((dim) => (typeof dim === 'number' ? dim : dims[String(dim)]));
    if (shape.some((dim) => dim === undefined))
      throw new Error(`${input.name}: no default for ${input.shape.join('x')}`);
    const dimsKnown = shape as number[];
    const count = dimsKnown.reduce((product, dim) => product * dim, 1);
    if (input.dtype === 'int64') {
      const bound = input.name === 'attention_mask' ? 2 : (graph.indexBounds[input.name] ?? 1);
      const values = BigInt64Array.from({ length: count }, (_, i) =>
        BigInt(input.name === 'attention_mask' ? 1 : (i * 7919) % bound),
      );
      feeds[input.name] = new ort.Tensor('int64', values, dimsKnown);
    } else {
      feeds[input.name] = new ort.Tensor(
        'float32',
        Float32Array.from({ length: count }, (_, i) => Math.sin(i)),
        dimsKnown,
      );
    }
  }
  return feeds;
}

describe('bundled models', () => {
  it.each(BUNDLED)('%s loads and runs in ONNX Runtime at its default dims', async (name) => {
    const bytes = readFileSync(modelPath(name));
    const session = await sessionFor(bytes);
    const outputs = await session.run(defaultFeeds(bytes));
    for (const output of session.outputNames) {
      const data = outputs[output]?.data;
      expect(data).toBeInstanceOf(Float32Array);
      expect((data as Float32Array).every(Number.isFinite)).toBe(true);
    }
  });

  it.each(BUNDLED)('%s declares a description and a default for every symbolic dim', (name) => {
    const graph = inspectModel(readFileSync(modelPath(name)));
    expect(graph.metadata['modeldyno.description']?.length).toBeGreaterThan(20);
    const dims = parseDims(graph.metadata['modeldyno.dims']);
    const symbolic = graph.inputs.flatMap((input) => input.shape.filter((dim) => typeof dim === 'string'));
    for (const dim of symbolic) expect(dims[String(dim)], String(dim)).toBeGreaterThanOrEqual(0);
  });

  it.each(BUNDLED)('%s on disk is byte-identical to what the generator makes now', (name) => {
    // Fails when a preset changed without `npm run models`.
    expect(Buffer.compare(readFileSync(modelPath(name)), presetBytes(name))).toBe(0);
  });

  it('fit in 9 MB together', () => {
    const total = BUNDLED.reduce((sum, name) => sum + statSync(modelPath(name)).size, 0);
    expect(total).toBeLessThanOrEqual(9_000_000);
  });
});
