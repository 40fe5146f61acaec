/**
 * Every variant of every bundled model, built from the committed files and run in the
 * real ONNX Runtime: it loads, gives outputs of the original's shapes, shrinks by the
 * factor its format implies, follows the original closely enough, and is the op form
 * ORT fuses into its fast kernels.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildVariant } from '../../../electron/core/compress/variants.js';
import { parseDimList, resolveDims } from '../../../electron/core/inference/dims.js';
import { makeInputs } from '../../../electron/core/inference/tensors.js';
import { inspectModel } from '../../../electron/core/models/inspect.js';
import { decodeModel, entryValue } from '../../../electron/core/models/onnx-proto.js';
import type { VariantSpec } from '../../../electron/shared/compress.js';
import { parseSpec, specText } from '../../../electron/shared/compress.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const MODELS = ['mlp', 'cnn', 'embedding', 'decoder'] as const;
const SPECS = ['int8', 'int4:32', 'int4:128', 'fp16', 'prune:0.5'].map(parseSpec);
/** Smaller than the presets' defaults (mlp batch 512) so 20 variants run in a few seconds. */
const DIMS: Record<string, Record<string, number>> = { mlp: { batch: 16 }, cnn: { height: 64, width: 64 } };
const OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };

type Outputs = Record<string, { dims: readonly number[]; data: Float32Array }>;

function feedsFor(bytes: Uint8Array, user: Record<string, number>, pastLength = 0) {
  const info = inspectModel(bytes);
  const defaults = parseDimList(info.metadata['modeldyno.dims'] ?? '');
  const { inputs } = resolveDims(info.inputs, user, defaults);
  return makeInputs(inputs, { indexBounds: info.indexBounds, pastLength, seed: 8 });
}

/** Runs a model and copies its outputs out of ORT's buffers. */
async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Outputs> {
  const session = await ort.InferenceSession.create(bytes, OPTIONS);
  try {
    const results = await session.run(feeds);
    const outputs: Outputs = {};
    for (const [name, tensor] of Object.entries(results))
      outputs[name] = { dims: [...tensor.dims], data: Float32Array.from(tensor.data as Float32Array) };
    return outputs;
  } finally {
    await session.release();
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(aa * bb);
}

/**
 * The range of weight-bytes factors (after / before) a format implies. int8: int8 data
 * plus one float scale per column, so 1/4 + 1/K; a Gather table's rows get a float scale
 * per block of 32, 1/4 + 1/32. int4 with K a multiple of the block: per block, blockSize/2
 * bytes of nibbles, a float scale and half a zero-point byte — a whole byte when a column
 * has an odd number of blocks; a Gather table's blocks store no zero point, 1/8 + 1/b.
 */
function expectedFactors(spec: VariantSpec, smallestK: number, gather: boolean): [number, number] {
  switch (spec.kind) {
    case 'int8':
      return [0.25, 0.25 + Math.max(1 / smallestK, gather ? 1 / 32 : 0)];
    case 'int4': {
      const b = spec.blockSize;
      return [gather ? 1 / 8 + 1 / b : (b / 2 + 4 + 0.5) / (4 * b), (b / 2 + 4 + 1) / (4 * b)];
    }
    case 'fp16':
      return [0.5, 0.5];
    case 'prune':
      return [1, 1];
  }
}

/** Smallest K among each model's MatMul/Gemm weights: the int8 factor's upper end. */
const SMALLEST_K: Record<string, number> = { mlp: 256, cnn: 96, embedding: 64, decoder: 128 };
/** Variants that find nothing to rewrite: every weight's K (and table row) is below the block size. */
const NOTHING_TO_REWRITE = new Set(['cnn int4:128', 'embedding int4:128']);
/** Models with an embedding table (Gather), which int8 and int4 store as GatherBlockQuantized. */
const GATHER = new Set(['embedding', 'decoder']);
/**
 * The decoder's tied wte (2000 × 128 fp32) is read by its Gather and its LM head: each gets
 * a quantized copy of its own, while the fp32 bytes count once.
 */
const TIED_BYTES: Record<string, number> = { decoder: 2000 * 128 * 4 };

describe.each(MODELS)('variants of the bundled %s model', (model) => {
  const source = readFileSync(modelPath(`${model}.onnx`));
  const feeds = feedsFor(source, DIMS[model] ?? {});
  let original: Outputs;
  beforeAll(async () => {
    original = await run(source, feeds);
  });

  it.each(SPECS.map((spec) => [specText(spec), spec] as const))(
    '%s loads, runs and shrinks as its format implies',
    async (text, spec) => {
      const { bytes, build } = buildVariant(source, spec);
      const outputs = await run(bytes, feeds);
      expect(Object.keys(outputs).sort()).toEqual(Object.keys(original).sort());
      for (const [name, { dims, data }] of Object.entries(outputs)) {
        expect(dims, name).toEqual(original[name]!.dims);
        expect(data.every(Number.isFinite), `${name} is finite`).toBe(true);
      }

      const nothing = NOTHING_TO_REWRITE.has(`${model} ${text}`);
      expect(build.weightsChanged === 0).toBe(nothing);
      if (nothing) {
        expect(build.untouched.map((u) => u.reason)).toContain(`MatMul/Gemm weight with K < block size 128`);
        expect(bytes.length).toBeLessThan(source.length + 1024);
        return;
      }
      const factor = build.weightBytesAfter / build.weightBytesBefore;
      const [low, high] = expectedFactors(spec, SMALLEST_K[model]!, GATHER.has(model));
      const second = spec.kind === 'int8' || spec.kind === 'int4' ? (TIED_BYTES[model] ?? 0) : 0;
      expect(factor).toBeGreaterThanOrEqual(low);
      expect(factor).toBeLessThanOrEqual(high + (second * high) / build.weightBytesBefore);

      // The file is the source less the weights replaced plus their new form, and a weight
      // some other op still reads (the decoder's tied wte, for its Gather) stays as well.
      const kept = build.untouched.filter((u) => u.reason.startsWith('kept in fp32')).reduce((s, u) => s + u.bytes, 0);
      const expected = source.length - build.weightBytesBefore + build.weightBytesAfter + kept;
      const nodesAdded = Object.values(build.opsAdded).reduce((s, n) => s + n, 0);
      expect(Math.abs(bytes.length - expected)).toBeLessThan(1024 + 256 * (nodesAdded + 3 * build.weightsChanged));
      if (spec.kind !== 'prune' && (model === 'mlp' || model === 'decoder'))
        expect(bytes.length).toBeLessThan(source.length);
      if (spec.kind === 'prune') expect(Math.abs(bytes.length - source.length)).toBeLessThan(source.length / 100);

      const metadata = decodeModel(bytes).metadataProps;
      expect(entryValue(metadata, 'modeldyno.variant')).toBe(text);
      expect(entryValue(metadata, 'modeldyno.source-sha256')).toBe(createHash('sha256').update(source).digest('hex'));
      const originalDims = entryValue(decodeModel(source).metadataProps, 'modeldyno.dims');
      expect(entryValue(metadata, 'modeldyno.dims')).toBe(originalDims);
    },
  );
});

describe('embedding tables', () => {
  it('become GatherBlockQuantized in int8 and int4, and the fp32 table goes once nothing reads it', () => {
    const decoder = readFileSync(modelPath('decoder.onnx'));
    for (const text of ['int8', 'int4:32']) {
      const { bytes, build } = buildVariant(decoder, parseSpec(text));
      // wte (tied: token lookup and LM head) and wpe (positions).
      expect(build.opsAdded['com.microsoft.GatherBlockQuantized'], text).toBe(2);
      expect(
        build.untouched.filter((u) => /kept in fp32|Gather table/.test(u.reason)),
        text,
      ).toEqual([]);
      const names = (decodeModel(bytes).graph?.initializer ?? []).map((t) => t.name);
      expect(names, text).not.toContain('wte.weight');
      expect(names, text).not.toContain('wpe.weight');
    }
    // The embedding model is its table: int8 stores it at a byte (and a scale per 32) a value.
    const embedding = readFileSync(modelPath('embedding.onnx'));
    expect(buildVariant(embedding, parseSpec('int8')).bytes.length).toBeLessThan(embedding.length * 0.3);
  });

  it('stay fp32, with the reason, when a row is narrower than the block', () => {
    // The embedding table's rows hold 64 values: no block of 128 fits.
    const { build } = buildVariant(readFileSync(modelPath('embedding.onnx')), parseSpec('int4:128'));
    expect(build.untouched.map((u) => u.reason)).toContain(
      'Gather table whose row width is not a multiple of the block size 128',
    );
  });
});

describe('fidelity of the bundled decoder', () => {
  const source = readFileSync(modelPath('decoder.onnx'));
  const steps = {
    prefill: feedsFor(source, {}),
    decode: feedsFor(source, { sequence_length: 1, past_sequence_length: 32, total_sequence_length: 33 }, 32),
  };

  it.each([
    ['int8', 0.99],
    ['int4:32', 0.97],
    ['int4:128', 0.95],
  ])('%s logits keep cosine ≥ %s against fp32 in prefill and a decode step', async (text, floor) => {
    const { bytes } = buildVariant(source, parseSpec(text));
    for (const [step, feeds] of Object.entries(steps)) {
      const [reference, variant] = [await run(source, feeds), await run(bytes, feeds)];
      const similarity = cosine(reference['logits']!.data, variant['logits']!.data);
      expect(similarity, `${text} ${step}`).toBeGreaterThanOrEqual(floor);
    }
  });
});

describe('what ONNX Runtime makes of the variants', () => {
  const dir = tempDir('variant-fusion');
  /** The model ORT actually runs, after its graph optimisations. */
  async function optimised(bytes: Uint8Array, name: string): Promise<Record<string, number>> {
    const optimizedModelFilePath = join(dir, `${name}.onnx`);
    const session = await ort.InferenceSession.create(bytes, {
      ...OPTIONS,
      graphOptimizationLevel: 'extended',
      optimizedModelFilePath,
    });
    await session.release();
    return inspectModel(readFileSync(optimizedModelFilePath)).opCounts;
  }

  it.each(['mlp', 'decoder'])('fuses every int8 chain of the %s into DynamicQuantizeMatMul', async (model) => {
    const { bytes, build } = buildVariant(readFileSync(modelPath(`${model}.onnx`)), { kind: 'int8' });
    const ops = await optimised(bytes, `${model}-int8`);
    expect(ops['com.microsoft.DynamicQuantizeMatMul']).toBe(build.opsAdded['MatMulInteger']);
    expect(ops['MatMulInteger'] ?? 0).toBe(0);
    expect(ops['DynamicQuantizeLinear'] ?? 0).toBe(0);
  });

  it('runs int4 as MatMulNBits and folds the fp16 Casts away when the session is created', async () => {
    const source = readFileSync(modelPath('decoder.onnx'));
    const int4 = buildVariant(source, { kind: 'int4', blockSize: 32 });
    expect((await optimised(int4.bytes, 'decoder-int4'))['com.microsoft.MatMulNBits']).toBe(9);
    const fp16 = buildVariant(source, { kind: 'fp16' });
    const castsBefore = inspectModel(source).opCounts['Cast'] ?? 0;
    expect(fp16.build.opsAdded['Cast']).toBe(fp16.build.weightsChanged);
    expect((await optimised(fp16.bytes, 'decoder-fp16'))['Cast'] ?? 0).toBe(castsBefore);
  });
});
