/**
 * The variant writers on small generated graphs that hold every weight form the rule
 * names — MatMul, Gemm with and without transB, a Gemm it must refuse, a Transpose fold
 * shared with a Gather, a 3-D weight — plus the exact int4/int8 layouts read back by ONNX
 * Runtime, the files writeVariant leaves, and the errors a user can hit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildVariant, gzipSize, writeVariant } from '../../../electron/core/compress/variants.js';
import { REASONS } from '../../../electron/core/compress/weights.js';
import type { TensorProto } from '../../../electron/core/models/onnx-proto.js';
import { DataType, decodeModel, encodeModel } from '../../../electron/core/models/onnx-proto.js';
import { VariantBuild, parseSpec } from '../../../electron/shared/compress.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { float, int, ints } from '../../../models/builder/attributes.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { normal } from '../../../models/builder/tensors.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const BATCH = 6;

/** Every weight form in one graph; E is both a Gather table and, transposed, a MatMul weight. */
function zoo(): Uint8Array {
  const g = new GraphBuilder('zoo', 11);
  const x = g.input('x', 'float32', ['batch', 80]);
  const ids = g.input('ids', 'int64', ['batch']);
  const h1 = g.op('MatMul', [x, g.weight('W1', [80, 48], normal(0.1))]);
  const h2 = g.op('Gemm', [h1, g.weight('W2', [48, 40], normal(0.1)), g.weight('C2', [40], normal(0.1))]);
  const h3 = g.op('Gemm', [h2, g.weight('W3', [40, 40], normal(0.1)), g.weight('C3', [40], normal(0.1))], {
    alpha: float(0.5),
  });
  const embedding = g.weight('E', [64, 40], normal(0.3));
  const eT = g.op('Transpose', [embedding], { perm: ints([1, 0]) });
  const logits = g.op('Add', [g.op('MatMul', [h3, eT]), g.op('MatMul', [g.op('Relu', [h3]), eT])]);
  const rows = g.op('Gather', [embedding, ids], { axis: int(0) });
  const stacked = g.op('MatMul', [x, g.weight('W5', [2, 80, 4], normal(0.1))]);
  g.output(logits, 'logits', 'float32', ['batch', 64]);
  g.output(g.op('Add', [h3, rows]), 'mixed', 'float32', ['batch', 40]);
  g.output(stacked, 'stacked', 'float32', [2, 'batch', 4]);
  return encodeModel(g.toModel({ metadata: { owner: 'tests' } }));
}

function zooFeeds(): Record<string, ort.Tensor> {
  const x = Float32Array.from({ length: BATCH * 80 }, (_, i) => Math.sin(i * 0.37));
  const ids = BigInt64Array.from({ length: BATCH }, (_, i) => BigInt((i * 7) % 64));
  return { x: new ort.Tensor('float32', x, [BATCH, 80]), ids: new ort.Tensor('int64', ids, [BATCH]) };
}

async function run(bytes: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(bytes, OPTIONS);
  try {
    const results = await session.run(feeds);
    return Object.fromEntries(
      Object.entries(results).map(([name, t]) => [name, Float32Array.from(t.data as Float32Array)]),
    );
  } finally {
    await session.release();
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  let [dot, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [dot, aa, bb] = [dot + a[i]! * b[i]!, aa + a[i]! ** 2, bb + b[i]! ** 2];
  return dot / Math.sqrt(aa * bb);
}

const floats = (t: TensorProto | undefined) => new Float32Array(new Uint8Array(t!.rawData!).buffer);
const bytesOf = (t: TensorProto | undefined) => new Uint8Array(t!.rawData!);

describe('variants of a graph with every weight form', () => {
  const source = zoo();
  const feeds = zooFeeds();

  it.each([
    ['int8', 3, { DynamicQuantizeLinear: 4, MatMulInteger: 4, Cast: 4, Mul: 8, Add: 1 }, 0.999],
    ['int4:32', 3, { 'com.microsoft.MatMulNBits': 4, Add: 1 }, 0.99],
    ['int4:64', 1, { 'com.microsoft.MatMulNBits': 1 }, 0.99],
  ] as const)(
    '%s rewrites %i weights, refuses the rest with reasons, and follows fp32',
    async (text, changed, added, floor) => {
      const { bytes, build } = buildVariant(source, parseSpec(text));
      expect(VariantBuild.omit({ path: true, fileBytes: true, gzipBytes: true, buildMs: true }).parse(build)).toEqual(
        build,
      );
      expect(build.weightsChanged).toBe(changed);
      expect(build.opsAdded).toEqual(added);
      const reasons = build.untouched.map((u) => u.reason);
      expect(reasons).toContain(REASONS.gemmForm);
      expect(reasons).toContain(REASONS.notMatrix);
      expect(reasons).toContain(REASONS.vector);
      if (changed === 3) {
        expect(build.opsRemoved).toEqual({ MatMul: 3, Gemm: 1, Transpose: 1 });
        expect(reasons).toContain('kept in fp32 beside its rewritten copy (also read by Gather)');
        expect(build.notes).toContainEqual(expect.stringMatching(/^E stays in fp32 .* because Gather also reads it/));
      } else {
        expect(reasons).toContain('MatMul/Gemm weight with K < block size 64');
      }
      const [reference, variant] = [await run(source, feeds), await run(bytes, feeds)];
      for (const name of Object.keys(reference))
        expect(cosine(reference[name]!, variant[name]!), name).toBeGreaterThan(floor);
      const metadata = decodeModel(bytes).metadataProps ?? [];
      expect(metadata.find((e) => e.key === 'owner')?.value).toBe('tests');
    },
  );

  it('fp16 stores every float32 initializer as float16 behind a Cast, Gather table and 3-D weight included', async () => {
    const { bytes, build } = buildVariant(source, { kind: 'fp16' });
    const initializers = decodeModel(bytes).graph!.initializer!;
    expect(initializers.filter((t) => t.dataType === DataType.FLOAT)).toEqual([]);
    expect(build.weightsChanged).toBe(7);
    expect(build.opsAdded).toEqual({ Cast: 7 });
    expect(build.weightBytesAfter * 2).toBe(build.weightBytesBefore);
    const [reference, variant] = [await run(source, feeds), await run(bytes, feeds)];
    for (const name of Object.keys(reference))
      expect(cosine(reference[name]!, variant[name]!)).toBeGreaterThan(0.99999);
  });

  it('prune zeroes half of each weight it may change and leaves the tied table alone', async () => {
    const { bytes, build } = buildVariant(source, { kind: 'prune', sparsity: 0.5 });
    expect(build.weightsChanged).toBe(2);
    expect(build.opsAdded).toEqual({});
    expect(build.untouched.map((u) => u.reason)).toContain(
      'weight also read by Gather (pruning it would change that use too)',
    );
    const byName = new Map(decodeModel(bytes).graph!.initializer!.map((t) => [t.name, t]));
    for (const [name, size] of [
      ['W1', 80 * 48],
      ['W2', 48 * 40],
    ] as const)
      expect(floats(byName.get(name)).filter((v) => v === 0).length).toBe(size / 2);
    expect(floats(byName.get('E')).some((v) => v === 0)).toBe(false);
    expect(bytes.length).toBeGreaterThan(source.length - 10);
    expect(Object.keys(await run(bytes, feeds)).sort()).toEqual(['logits', 'mixed', 'stacked']);
  });
});

describe('the quantized layouts as ONNX Runtime reads them', () => {
  const [K, N, M] = [80, 5, 3];
  const g = new GraphBuilder('one-matmul', 5);
  g.output(g.op('MatMul', [g.input('x', 'float32', [M, K]), g.weight('W', [K, N], normal(0.2))]), 'y', 'float32', [
    M,
    N,
  ]);
  const w = g.weightValues('W');
  const source = encodeModel(g.toModel());
  const x = Float32Array.from({ length: M * K }, (_, i) => Math.cos(i * 0.13));
  const feeds = { x: new ort.Tensor('float32', x, [M, K]) };
  const times = (weights: (k: number, n: number) => number) =>
    Float32Array.from({ length: M * N }, (_, i) => {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += x[Math.floor(i / N) * K + k]! * weights(k, i % N);
      return sum;
    });
  const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

  it('int4:32 packs K = 80 (padded to 96) low nibble first, as MatMulNBits dequantizes it', async () => {
    const { bytes } = buildVariant(source, { kind: 'int4', blockSize: 32 });
    const model = decodeModel(bytes);
    const node = model.graph!.node!.find((n) => n.opType === 'MatMulNBits')!;
    expect(node.domain).toBe('com.microsoft');
    const init = new Map(model.graph!.initializer!.map((t) => [t.name, t]));
    const [b, scales, zeros] = [
      bytesOf(init.get(node.input![1])),
      floats(init.get(node.input![2])),
      bytesOf(init.get(node.input![3])),
    ];
    expect(init.get(node.input![1])!.dims).toEqual([N, 3, 16]);
    expect(scales.length).toBe(N * 3);
    expect(zeros.length).toBe(N * 2);
    // Dequantize by the schema, independently of the writer: (q − zero point) · scale.
    const nibble = (byte: number, high: number) => (high ? byte >> 4 : byte & 15);
    const dequant = (k: number, n: number) => {
      const [block, j] = [Math.floor(k / 32), k % 32];
      const q = nibble(b[(n * 3 + block) * 16 + (j >> 1)]!, j & 1);
      const zero = nibble(zeros[n * 2 + (block >> 1)]!, block & 1);
      return (q - zero) * scales[n * 3 + block]!;
    };
    for (let k = 0; k < K; k++)
      for (let n = 0; n < N; n++)
        expect(Math.abs(dequant(k, n) - w[k * N + n]!)).toBeLessThanOrEqual(
          scales[n * 3 + Math.floor(k / 32)]! / 2 + 1e-6,
        );
    const y = (await run(bytes, feeds))['y']!;
    const expected = times(dequant);
    // accuracy_level 4 quantizes x to int8 per block: about 1 % of the output's scale.
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i]! - expected[i]!)).toBeLessThan(0.02 * maxAbs(expected));
  });

  it('int8 stores W [K, N] with per-column scales, never beyond ±64, as MatMulInteger multiplies it', async () => {
    const { bytes } = buildVariant(source, { kind: 'int8' });
    const model = decodeModel(bytes);
    const node = model.graph!.node!.find((n) => n.opType === 'MatMulInteger')!;
    const init = new Map(model.graph!.initializer!.map((t) => [t.name, t]));
    const weight = init.get(node.input![1])!;
    expect([weight.dataType, weight.dims]).toEqual([DataType.INT8, [K, N]]);
    expect(node.input).toHaveLength(3);
    const q = new Int8Array(bytesOf(weight).buffer);
    const scaleName = model.graph!.node!.find((n) => n.opType === 'Mul' && n.input![1]!.endsWith('_scale'))!.input![1];
    const scales = floats(init.get(scaleName));
    // Two adjacent u8 × s8 products then fit int16 (AVX2 without VNNI adds them with saturation).
    expect(Math.max(...Array.from(q, Math.abs))).toBe(64);
    for (let n = 0; n < N; n++) {
      const column = Array.from({ length: K }, (_, k) => Math.abs(q[k * N + n]!));
      expect(Math.max(...column)).toBe(64);
    }
    const dequant = (k: number, n: number) => q[k * N + n]! * scales[n]!;
    for (let k = 0; k < K; k++)
      for (let n = 0; n < N; n++)
        expect(Math.abs(dequant(k, n) - w[k * N + n]!)).toBeLessThanOrEqual(scales[n]! / 2 + 1e-6);
    const y = (await run(bytes, feeds))['y']!;
    const expected = times(dequant);
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i]! - expected[i]!)).toBeLessThan(0.02 * maxAbs(expected));
  });
});

describe('models a variant cannot or need not rewrite', () => {
  const expectDynoError = (fn: () => unknown, kind: string, message: RegExp) => {
    let thrown: unknown;
    try {
      fn();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DynoError);
    expect(thrown).toMatchObject({ kind, message: expect.stringMatching(message) });
  };

  it('refuses truncated and empty bytes as model-invalid', () => {
    const decoder = readFileSync(modelPath('decoder.onnx'));
    expectDynoError(
      () => buildVariant(decoder.subarray(0, decoder.length >> 1), { kind: 'int8' }),
      'model-invalid',
      /not an ONNX model/,
    );
    expectDynoError(() => buildVariant(new Uint8Array(0), { kind: 'fp16' }), 'model-invalid', /empty/);
  });

  it('refuses a model with external data as model-unsupported, saying how to fix it', () => {
    const model = decodeModel(readFileSync(modelPath('mlp.onnx')));
    const weight = model.graph!.initializer![0]!;
    delete weight.rawData;
    weight.dataLocation = 1;
    weight.externalData = [{ key: 'location', value: 'mlp.onnx.data' }];
    expectDynoError(
      () => buildVariant(encodeModel(model), { kind: 'int4', blockSize: 32 }),
      'model-unsupported',
      /external data \(mlp\.onnx\.data\).*save_as_external_data=False/,
    );
  });

  it('leaves an opset-10 model fp32 for int8 (DynamicQuantizeLinear is opset 11) and says so', async () => {
    const g = new GraphBuilder('old', 3);
    g.output(
      g.op('MatMul', [g.input('x', 'float32', [2, 16]), g.weight('W', [16, 4], normal(1))]),
      'y',
      'float32',
      [2, 4],
    );
    const { bytes, build } = buildVariant(encodeModel(g.toModel({ opset: 10 })), { kind: 'int8' });
    expect(build.weightsChanged).toBe(0);
    expect(build.untouched[0]).toMatchObject({ count: 1, bytes: 256, reason: expect.stringMatching(/opset 11/) });
    expect(build.notes.join(' ')).toMatch(/opset 10; int8 needs opset 11/);
    const session = await ort.InferenceSession.create(bytes, OPTIONS);
    await session.release();
  });

  it('writes a model without weights unchanged but for its metadata, with a note', () => {
    const g = new GraphBuilder('bare', 1);
    g.output(g.op('Relu', [g.input('x', 'float32', [3])]), 'y', 'float32', [3]);
    const { build } = buildVariant(encodeModel(g.toModel()), { kind: 'int4', blockSize: 128 });
    expect(build).toMatchObject({ weightsChanged: 0, weightBytesBefore: 0, opsAdded: {}, opsRemoved: {} });
    expect(build.notes).toEqual([expect.stringMatching(/No weight could be rewritten/)]);
  });
});

describe('writeVariant and gzipSize', () => {
  it('writes the variant atomically and measures its gzip size at level 6', async () => {
    const dir = tempDir('variant-write');
    const out = join(dir, 'nested', 'mlp-prune-50.onnx');
    const build = await writeVariant(modelPath('mlp.onnx'), { kind: 'prune', sparsity: 0.5 }, out);
    expect(VariantBuild.parse(build)).toEqual(build);
    expect(build.path).toBe(out);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['mlp-prune-50.onnx']);
    const written = readFileSync(out);
    expect(build.fileBytes).toBe(statSync(out).size);
    expect(build.gzipBytes).toBe(gzipSync(written, { level: 6 }).length);
    expect(build.buildMs).toBeGreaterThan(0);
    const original = await gzipSize(modelPath('mlp.onnx'));
    expect(original).toBe(gzipSync(readFileSync(modelPath('mlp.onnx')), { level: 6 }).length);
    // Half the weights are zeros: the dense file keeps its size, the download shrinks.
    expect(build.gzipBytes).toBeLessThan(original * 0.8);
  });

  it('names a missing source as model-not-found', async () => {
    await expect(
      writeVariant('/nonexistent/model.onnx', { kind: 'int8' }, join(tempDir('variant-missing'), 'x.onnx')),
    ).rejects.toMatchObject({
      kind: 'model-not-found',
    });
  });
});
