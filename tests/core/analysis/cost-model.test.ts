import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costSummary, opCost } from '../../../electron/core/analysis/cost-model.js';
import { decodeModel } from '../../../electron/core/models/onnx-proto.js';
import { inspectModel } from '../../../electron/core/models/inspect.js';
import { profileModel } from '../../../electron/core/profiler.js';
import { defaultSettings, type OpEvent } from '../../../electron/shared/session.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const op = (opType: string, inputShapes: number[][], outputShapes: number[][], name = opType) => ({
  name,
  opType,
  inputShapes,
  outputShapes,
});

/** One op execution per family, with FLOPs and bytes worked out by hand (float32). */
const FAMILIES: Array<{ what: string; event: ReturnType<typeof op>; flops: number; read: number; written: number }> = [
  {
    what: 'MatMul [8,16]×[16,32]',
    event: op(
      'MatMul',
      [
        [8, 16],
        [16, 32],
      ],
      [[8, 32]],
    ),
    flops: 2 * 8 * 16 * 32,
    read: 4 * (8 * 16 + 16 * 32),
    written: 4 * 8 * 32,
  },
  {
    what: 'a batched MatMul broadcasting a 2-D weight over [2,3] batches',
    event: op(
      'MatMul',
      [
        [2, 3, 8, 16],
        [16, 32],
      ],
      [[2, 3, 8, 32]],
    ),
    flops: 2 * 2 * 3 * 8 * 32 * 16,
    read: 4 * (2 * 3 * 8 * 16 + 16 * 32),
    written: 4 * 2 * 3 * 8 * 32,
  },
  {
    what: 'a MatMul whose pre-packed weight the profile omits',
    event: op('MatMul', [[1, 32, 128]], [[1, 32, 384]]),
    flops: 2 * 32 * 384 * 128,
    read: 4 * (32 * 128 + 128 * 384),
    written: 4 * 32 * 384,
  },
  {
    what: 'Gemm with B and a bias',
    event: op('Gemm', [[4, 8], [8, 16], [16]], [[4, 16]]),
    flops: 2 * 4 * 16 * 8,
    read: 4 * (4 * 8 + 8 * 16 + 16),
    written: 4 * 4 * 16,
  },
  {
    what: 'FusedGemm on the MLP, weight [256,1024] missing from the profile',
    event: op('FusedGemm', [[512, 256], [1024]], [[512, 1024]], 'fused layers.0/Gemm_1'),
    flops: 2 * 512 * 1024 * 256,
    read: 4 * (512 * 256 + 256 * 1024 + 1024),
    written: 4 * 512 * 1024,
  },
  {
    what: 'a MatMulAddFusion Gemm, weight missing',
    event: op('Gemm', [[512, 1024], [512]], [[512, 512]], 'layers.1/MatMul_1/MatMulAddFusion'),
    flops: 2 * 512 * 512 * 1024,
    read: 4 * (512 * 1024 + 1024 * 512 + 512),
    written: 4 * 512 * 512,
  },
  {
    what: 'FusedMatMul with B transposed (QKᵀ)',
    event: op(
      'FusedMatMul',
      [
        [1, 4, 32, 16],
        [1, 4, 32, 16],
      ],
      [[1, 4, 32, 32]],
    ),
    flops: 2 * 4 * 32 * 32 * 16,
    read: 4 * 2 * 4 * 32 * 16,
    written: 4 * 4 * 32 * 32,
  },
  {
    what: 'MatMulInteger at 1 byte per operand and 4 per int32 output',
    event: op('MatMulInteger', [[4, 8], [8, 16], [], []], [[4, 16]]),
    flops: 2 * 4 * 16 * 8,
    read: 4 * 8 + 8 * 16 + 1 + 1,
    written: 4 * 4 * 16,
  },
  {
    // K 64, N 32, block_size 32, bits 4: k_blocks 2, blob 16 bytes; zero points packed 2 per byte.
    what: 'MatMulNBits with packed int4 weights, float scales and packed zero points',
    event: op('MatMulNBits', [[2, 64], [32, 2, 16], [64], [32]], [[2, 32]]),
    flops: 2 * 2 * 32 * 64,
    read: 4 * 2 * 64 + 32 * 2 * 16 + 4 * 64 + 32,
    written: 4 * 2 * 32,
  },
  {
    // What ORT fuses the int8 variant's MatMuls into: float A, int8 B, per-column scales.
    what: 'DynamicQuantizeMatMul with float A, int8 B at 1 byte a weight, float scales',
    event: op('DynamicQuantizeMatMul', [[4, 8], [8, 16], [16]], [[4, 16]]),
    flops: 2 * 4 * 16 * 8,
    read: 4 * 4 * 8 + 8 * 16 + 4 * 16,
    written: 4 * 4 * 16,
  },
  {
    // V 100, D 64, 4 bits packed (32 bytes a row), block 32 (2 scales a row), 6 rows gathered.
    what: 'GatherBlockQuantized reading only the gathered rows at 4 bits, and their scales',
    event: op(
      'GatherBlockQuantized',
      [
        [100, 32],
        [2, 3],
        [100, 2],
      ],
      [[2, 3, 64]],
    ),
    flops: 2 * 6 * 64,
    read: 6 * (32 + 2 * 4) + 8 * 6,
    written: 4 * 6 * 64,
  },
  {
    // groups 4 (W[1] = Cin/groups = 2), stride 2, dilation 2, pad 2: 16 → 8.
    what: 'a grouped, strided, dilated Conv',
    event: op('Conv', [[1, 8, 16, 16], [16, 2, 3, 3], [16]], [[1, 16, 8, 8]]),
    flops: 2 * 1 * 16 * 8 * 8 * 2 * 3 * 3,
    read: 4 * (8 * 16 * 16 + 16 * 2 * 3 * 3 + 16),
    written: 4 * 16 * 8 * 8,
  },
  {
    what: 'ConvTranspose (stride 2)',
    event: op(
      'ConvTranspose',
      [
        [1, 4, 8, 8],
        [4, 2, 3, 3],
      ],
      [[1, 2, 17, 17]],
    ),
    flops: 2 * 4 * 8 * 8 * 2 * 3 * 3,
    read: 4 * (4 * 8 * 8 + 4 * 2 * 3 * 3),
    written: 4 * 2 * 17 * 17,
  },
  {
    what: 'a 2×2 MaxPool (window from the shapes)',
    event: op('MaxPool', [[1, 48, 8, 8]], [[1, 48, 4, 4]]),
    flops: 48 * 4 * 4 * 2 * 2,
    read: 4 * 48 * 8 * 8,
    written: 4 * 48 * 4 * 4,
  },
  {
    what: 'GlobalAveragePool',
    event: op('GlobalAveragePool', [[1, 96, 2, 2]], [[1, 96, 1, 1]]),
    flops: 96 * 2 * 2,
    read: 4 * 96 * 2 * 2,
    written: 4 * 96,
  },
  {
    what: 'BatchNormalization at 2 per element',
    event: op('BatchNormalization', [[1, 8, 4, 4], [8], [8], [8], [8]], [[1, 8, 4, 4]]),
    flops: 2 * 128,
    read: 4 * (128 + 4 * 8),
    written: 4 * 128,
  },
  ...(
    [
      ['LayerNormalization', 7],
      ['SkipLayerNormalization', 8],
      ['SimplifiedLayerNormalization', 4],
      ['RMSNormalization', 4],
    ] as const
  ).map(([opType, perElement]) => ({
    what: `${opType} at ${perElement} per element`,
    event: op(opType, [[1, 32, 128], [128]], [[1, 32, 128]]),
    flops: perElement * 32 * 128,
    read: 4 * (32 * 128 + 128),
    written: 4 * 32 * 128,
  })),
  {
    what: 'Softmax at 8 per element',
    event: op('Softmax', [[1, 4, 32, 32]], [[1, 4, 32, 32]]),
    flops: 8 * 4096,
    read: 4 * 4096,
    written: 4 * 4096,
  },
  {
    what: 'Gather reading only the rows it gathers plus int64 indices',
    event: op(
      'Gather',
      [
        [2000, 128],
        [1, 32],
      ],
      [[1, 32, 128]],
    ),
    flops: 0,
    read: 4 * 32 * 128 + 8 * 32,
    written: 4 * 32 * 128,
  },
  {
    what: 'GatherElements',
    event: op(
      'GatherElements',
      [
        [10, 20],
        [10, 3],
      ],
      [[10, 3]],
    ),
    flops: 0,
    read: 4 * 30 + 8 * 30,
    written: 4 * 30,
  },
  {
    what: 'an Add broadcasting a bias',
    event: op('Add', [[1, 32, 128], [128]], [[1, 32, 128]]),
    flops: 4096,
    read: 4 * (4096 + 128),
    written: 4 * 4096,
  },
  ...(['Erf', 'Gelu', 'FastGelu'] as const).map((opType) => ({
    what: `${opType} at 8 per element`,
    event: op(opType, [[64, 64]], [[64, 64]]),
    flops: 8 * 4096,
    read: 4 * 4096,
    written: 4 * 4096,
  })),
  {
    what: 'a comparison writing bool',
    event: op(
      'LessOrEqual',
      [
        [1, 32],
        [32, 1],
      ],
      [[32, 32]],
    ),
    flops: 1024,
    read: 4 * 64,
    written: 1024,
  },
  {
    what: 'Where reading a bool condition',
    event: op('Where', [[1, 1, 32, 32], [], []], [[1, 1, 32, 32]]),
    flops: 1024,
    read: 1024 + 4 + 4,
    written: 4 * 1024,
  },
  {
    what: 'ReduceMean',
    event: op('ReduceMean', [[32, 512, 64]], [[32, 64]]),
    flops: 32 * 512 * 64,
    read: 4 * 32 * 512 * 64,
    written: 4 * 32 * 64,
  },
  ...(['Reshape', 'Squeeze', 'Unsqueeze', 'Identity', 'Flatten'] as const).map((opType) => ({
    what: `${opType} as a view that moves nothing`,
    event: op(opType, [[1, 32, 128], [4]], [[1, 32, 4, 32]]),
    flops: 0,
    read: 0,
    written: 0,
  })),
  {
    what: 'Transpose moving every element',
    event: op('Transpose', [[1, 32, 4, 32]], [[1, 4, 32, 32]]),
    flops: 0,
    read: 4 * 4096,
    written: 4 * 4096,
  },
  {
    what: 'Slice reading what it copies and its int64 arguments',
    event: op('Slice', [[8, 100], [1], [1], [1]], [[8, 10]]),
    flops: 0,
    read: 4 * 80 + 3 * 8,
    written: 4 * 80,
  },
  {
    what: 'Shape writing int64 without reading data',
    event: op('Shape', [[1, 32]], [[2]]),
    flops: 0,
    read: 0,
    written: 16,
  },
  {
    what: 'a host→device Memcpy',
    event: op('MemcpyFromHost', [[2, 3]], [[2, 3]]),
    flops: 0,
    read: 24,
    written: 24,
  },
  {
    // QKᵀ + PV over T = 32 keys, D = 128, plus Softmax over 4 heads (from present_key).
    what: 'MultiHeadAttention from Q/K/V and present_key shapes',
    event: op(
      'MultiHeadAttention',
      [
        [1, 32, 128],
        [1, 32, 128],
        [1, 32, 128],
      ],
      [
        [1, 32, 128],
        [1, 4, 32, 32],
      ],
    ),
    flops: 2 * 32 * 32 * 128 * 2 + 8 * 4 * 32 * 32,
    read: 4 * 3 * 32 * 128,
    written: 4 * (32 * 128 + 4 * 32 * 32),
  },
  {
    // One decode step over 33 cached keys; 128 / head 32 = 4 query heads sharing 2 KV heads.
    what: 'GroupQueryAttention for one decode step',
    event: op(
      'GroupQueryAttention',
      [
        [1, 1, 128],
        [1, 1, 64],
        [1, 1, 64],
      ],
      [
        [1, 1, 128],
        [1, 2, 33, 32],
      ],
    ),
    flops: 2 * 33 * 128 * 2 + 8 * 4 * 33,
    read: 4 * (128 + 64 + 64),
    written: 4 * (128 + 2 * 33 * 32),
  },
  {
    // Weights [64, 192] pre-packed: derived from the bias; heads unknown, so no Softmax term.
    what: 'Attention with its QKV projection weight derived from the bias',
    event: op('Attention', [[1, 8, 64], [192]], [[1, 8, 64]]),
    flops: 2 * 8 * 64 * 192 + 2 * 8 * 8 * 64 * 2,
    read: 4 * (8 * 64 + 192 + 64 * 192),
    written: 4 * 8 * 64,
  },
];

describe('opCost', () => {
  it.each(FAMILIES)('costs $what', ({ event, flops, read, written }) => {
    const cost = opCost(event);
    expect(cost).toMatchObject({ flops, bytesRead: read, bytesWritten: written, known: true });
    expect(cost.intensity).toBeCloseTo(read + written === 0 ? 0 : flops / (read + written), 12);
  });

  it('counts half the bytes and the same FLOPs for 2-byte elements', () => {
    const event = op(
      'MatMul',
      [
        [8, 16],
        [16, 32],
      ],
      [[8, 32]],
    );
    expect(opCost(event, 2)).toMatchObject({ flops: 8192, bytesRead: 1280, bytesWritten: 512 });
  });

  it('reads MatMulNBits weights at 4 bits: 8× fewer weight bytes than float32', () => {
    const nbits = opCost(op('MatMulNBits', [[1, 4096], [4096, 128, 16], [4096 * 128]], [[1, 4096]]));
    const fp32 = opCost(
      op(
        'MatMul',
        [
          [1, 4096],
          [4096, 4096],
        ],
        [[1, 4096]],
      ),
    );
    expect(nbits.flops).toBe(fp32.flops);
    const weightBytes = (cost: typeof nbits) => cost.bytesRead - 4 * 4096;
    expect(weightBytes(fp32) / (weightBytes(nbits) - 4 * 4096 * 128)).toBe(8);
  });

  it('reports an op type it has no formula for as unknown, with bytes from its shapes and no FLOPs', () => {
    const cost = opCost(op('MysteryOp', [[2, 3]], [[2, 3]]));
    expect(cost).toEqual({
      name: 'MysteryOp',
      opType: 'MysteryOp',
      flops: 0,
      bytesRead: 24,
      bytesWritten: 24,
      intensity: 0,
      known: false,
    });
  });

  it('leaves a Conv unknown when the profile gives no weight shape to take the kernel from', () => {
    expect(opCost(op('Conv', [[1, 3, 32, 32]], [[1, 32, 16, 16]])).known).toBe(false);
  });
});

const event = (opType: string, inputShapes: number[][], outputShapes: number[][], name = opType): OpEvent => ({
  run: 0,
  provider: 'CPUExecutionProvider',
  startMs: 0,
  durationMs: 0.1,
  ...op(opType, inputShapes, outputShapes, name),
});

describe('costSummary', () => {
  it('totals one run and groups it by op type, most FLOPs first, with measured times where given', () => {
    const events = [
      event('Relu', [[8, 32]], [[8, 32]], 'relu_1'),
      event(
        'MatMul',
        [
          [8, 16],
          [16, 32],
        ],
        [[8, 32]],
        'mm_1',
      ),
      event(
        'MatMul',
        [
          [8, 32],
          [32, 32],
        ],
        [[8, 32]],
        'mm_2',
      ),
      event('Reshape', [[8, 32], [2]], [[256]]),
      event('MysteryOp', [[4]], [[4]]),
    ];
    const summary = costSummary(events, new Map([['MatMul', 0.5]]));
    const mm = 2 * 8 * 16 * 32 + 2 * 8 * 32 * 32;
    const mmBytes = 4 * (128 + 512 + 256) + 4 * (256 + 1024 + 256);
    expect(summary.byOpType).toEqual([
      { opType: 'MatMul', count: 2, flops: mm, bytes: mmBytes, timeMs: 0.5, known: true },
      { opType: 'Relu', count: 1, flops: 256, bytes: 2048, timeMs: null, known: true },
      { opType: 'MysteryOp', count: 1, flops: 0, bytes: 32, timeMs: null, known: false },
      { opType: 'Reshape', count: 1, flops: 0, bytes: 0, timeMs: null, known: true },
    ]);
    expect(summary.totalFlops).toBe(mm + 256);
    expect(summary.totalBytes).toBe(mmBytes + 2048 + 32);
    expect(summary.unknownOpTypes).toEqual(['MysteryOp']);
  });

  it('is empty for a run without op events', () => {
    expect(costSummary([])).toEqual({ totalFlops: 0, totalBytes: 0, byOpType: [], unknownOpTypes: [] });
  });
});

/** Profiles a bundled model and returns its result and the op events of its last measured run. */
async function profileLastRun(file: string, dims: Record<string, number>) {
  const sessionsDir = tempDir('cost');
  const settings = { ...defaultSettings, runs: 2, warmup: 1, dims };
  const result = await profileModel({ modelPath: modelPath(file), sessionsDir, settings });
  expect(result.status).toBe('complete');
  const journal = await readFile(join(sessionsDir, result.sessionId, 'journal.ndjson'), 'utf8');
  const ops = journal
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; op?: OpEvent })
    .flatMap((record) => (record.type === 'op' && record.op ? [record.op] : []));
  const lastRun = result.runs.filter((run) => !run.warmup).at(-1)!.index;
  return { result, events: ops.filter((o) => o.run === lastRun) };
}

describe('costing a real ONNX Runtime op profile', () => {
  it('knows every op type of the bundled MLP and matches 2 · batch · Σ(in · out) of its layers within 1 %', async () => {
    const { result, events } = await profileLastRun('mlp.onnx', {});
    const summary = costSummary(events);
    expect(events.length).toBeGreaterThan(0);
    expect(summary.unknownOpTypes).toEqual([]);

    const bytes = await readFile(modelPath('mlp.onnx'));
    const initializers = decodeModel(bytes).graph?.initializer ?? [];
    const layers = initializers.map((t) => t.dims ?? []).filter((dims) => dims.length === 2);
    const biases = initializers.map((t) => t.dims ?? []).filter((dims) => dims.length === 1);
    // The weights and biases are all the model's parameters, as inspectModel counts them.
    const elements = (shapes: number[][]) => shapes.reduce((sum, dims) => sum + dims.reduce((p, d) => p * d, 1), 0);
    expect(elements(layers) + elements(biases)).toBe(inspectModel(bytes).parameterCount);
    const batch = result.dims.find((dim) => dim.name === 'batch')!.value;
    const expected = 2 * batch * layers.reduce((sum, [rows = 0, cols = 0]) => sum + rows * cols, 0);
    expect(layers).toHaveLength(3);
    expect(Math.abs(summary.totalFlops - expected) / expected).toBeLessThan(0.01);
  }, 120_000);

  it('knows every op type of the bundled CNN and costs its convolutions from their weight shapes', async () => {
    const { events } = await profileLastRun('cnn.onnx', { height: 32, width: 32 });
    const summary = costSummary(events);
    expect(summary.unknownOpTypes).toEqual([]);
    const conv = summary.byOpType.find((group) => group.opType === 'Conv')!;
    expect(summary.byOpType[0]).toBe(conv);
    expect(conv.flops / summary.totalFlops).toBeGreaterThan(0.9);
  }, 120_000);
});
