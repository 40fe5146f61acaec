/**
 * Any ONNX model a user brings must profile without code changes. One table of small
 * models, each written the way a real converter or user graph writes it, generated into
 * a temp dir and profiled through the public engine, with what the engine must resolve.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelProto } from '../../../electron/core/models/onnx-proto.js';
import { profileModel } from '../../../electron/core/profiler.js';
import type { TensorDtype, TensorInfo } from '../../../electron/shared/model.js';
import { defaultSettings, type ProfileSettings } from '../../../electron/shared/session.js';
import { tempDir } from '../../helpers/paths.js';
import { writeModel } from './conventions.js';
import {
  float16Image,
  float64Features,
  INTEGER_WIDTHS,
  integerWidths,
  mixedInputs,
  uint8Image,
  unboundedInteger,
} from './dtype-models.js';
import {
  paddleDetector,
  paddleOcrDetector,
  paddleText,
  sklearnPipeline,
  tfImage,
  tfText,
  torchDynamo,
  torchLegacy,
  torchScript,
} from './exporter-models.js';
import { inputPassthrough, multipleOutputs, staticShapes, unnamedChain, unnamedDim } from './shape-models.js';

const SETTINGS: ProfileSettings = { ...defaultSettings, runs: 3, warmup: 1, hz: 20 };

interface UserModel {
  name: string;
  model: () => ModelProto;
  /** What the user passes as `--dim NAME=VALUE` (`settings.dims`). */
  dims?: Record<string, number>;
  /** Every symbolic dim and the value it must resolve to. */
  resolved: Record<string, number>;
  /** The inputs as fed: declared order, dtype, every dim a number. */
  inputs: TensorInfo[];
  /** A pattern at least one op's name must match: node names survive into the profile. */
  opName?: RegExp;
}

const fed = (name: string, dtype: TensorDtype, shape: number[]): TensorInfo => ({ name, dtype, shape });

const USER_MODELS: UserModel[] = [
  {
    name: 'float32 features, int64 ids into a table and a bool mask for Where',
    model: () => mixedInputs(50),
    resolved: { batch: 1, sequence: 128 },
    inputs: [fed('features', 'float32', [1, 8]), fed('ids', 'int64', [1, 128]), fed('mask', 'bool', [1, 128])],
  },
  {
    name: 'ids into a one-row table (as RoBERTa token types), in range only by the derived bound',
    model: () => mixedInputs(1),
    resolved: { batch: 1, sequence: 128 },
    inputs: [fed('features', 'float32', [1, 8]), fed('ids', 'int64', [1, 128]), fed('mask', 'bool', [1, 128])],
  },
  {
    name: 'a float16 image cast to float',
    model: float16Image,
    resolved: { batch: 1 },
    inputs: [fed('pixel_values', 'float16', [1, 3, 8, 8])],
  },
  {
    name: 'float64 features cast to float',
    model: float64Features,
    resolved: { batch: 1 },
    inputs: [fed('x', 'float64', [1, 4])],
  },
  {
    name: 'a uint8 HWC image cast, scaled and transposed',
    model: uint8Image,
    resolved: { batch: 1 },
    inputs: [fed('image', 'uint8', [1, 16, 16, 3])],
  },
  {
    name: 'int32, int16, int8, uint16, uint32 and uint64 inputs with --dim batch=2',
    model: integerWidths,
    dims: { batch: 2 },
    resolved: { batch: 2 },
    inputs: INTEGER_WIDTHS.map((dtype) => fed(`${dtype}_input`, dtype, [2, 4])),
  },
  {
    name: 'an int64 input no table bounds',
    model: unboundedInteger,
    resolved: { batch: 1 },
    inputs: [fed('offsets', 'int64', [1, 4])],
  },
  {
    name: 'a TorchScript export (input.1, onnx::Gather_1, /model/… nodes) with --dim batch_size=3',
    model: torchScript,
    dims: { batch_size: 3 },
    resolved: { batch_size: 3 },
    inputs: [fed('input.1', 'float32', [3, 16]), fed('onnx::Gather_1', 'int64', [3, 6])],
    opName: /^\/model\/layers\.0\//,
  },
  {
    name: 'a dynamo export at opset 18 (s0, s1) with --dim s1=5',
    model: torchDynamo,
    dims: { s1: 5 },
    resolved: { s0: 1, s1: 5 },
    inputs: [fed('input_ids', 'int64', [1, 5]), fed('attention_mask', 'int64', [1, 5])],
  },
  {
    name: 'a PyTorch 1.x export at opset 9 with initializers listed as inputs',
    model: torchLegacy,
    resolved: { batch: 1 },
    inputs: [fed('input.1', 'float32', [1, 12])],
    opName: /^\/model\//,
  },
  {
    name: 'a tf2onnx image model (serving_default_input_1:0, NHWC [unk__0, 32, 32, 3])',
    model: tfImage,
    resolved: { unk__0: 1 },
    inputs: [fed('serving_default_input_1:0', 'float32', [1, 32, 32, 3])],
  },
  {
    name: 'a tf2onnx text model (int32 ids and mask) with --dim unk__124=16',
    model: tfText,
    dims: { unk__124: 16 },
    resolved: { unk__123: 1, unk__124: 16 },
    inputs: [
      fed('serving_default_input_word_ids:0', 'int32', [1, 16]),
      fed('serving_default_input_mask:0', 'int32', [1, 16]),
    ],
  },
  {
    name: 'a paddle2onnx detector (dim_value -1, scale_factor [-1, 2])',
    model: paddleDetector,
    resolved: {},
    inputs: [
      fed('image', 'float32', [1, 3, 32, 32]),
      fed('scale_factor', 'float32', [1, 2]),
      fed('im_shape', 'float32', [1, 2]),
    ],
  },
  {
    // The engine sizes an open H and W like named `height`/`width` (224): at 1×1 the FPN cannot run.
    name: 'a PaddleOCR-style detector with open batch, height and width ([-1, 3, -1, -1])',
    model: paddleOcrDetector,
    resolved: {},
    inputs: [fed('x', 'float32', [1, 3, 224, 224])],
  },
  {
    name: 'a paddle2onnx text model whose dims have neither value nor name',
    model: paddleText,
    resolved: {},
    inputs: [fed('x', 'int64', [1, 1])],
  },
  {
    name: 'a skl2onnx pipeline (string category, ai.onnx.ml LabelEncoder and LinearRegressor)',
    model: sklearnPipeline,
    resolved: {},
    inputs: [fed('float_input', 'float32', [1, 4]), fed('category', 'string', [1, 1])],
  },
  {
    name: 'fixed shapes and a scalar input',
    model: staticShapes,
    resolved: {},
    inputs: [fed('input', 'float32', [2, 16]), fed('temperature', 'float32', [])],
  },
  {
    name: 'an unnamed dim beside a named one',
    model: unnamedDim,
    resolved: { sequence: 128 },
    inputs: [fed('input', 'float32', [1, 128, 8])],
  },
  {
    name: 'outputs that are the input itself and its Identity',
    model: inputPassthrough,
    resolved: { batch: 1 },
    inputs: [fed('x', 'float32', [1, 4])],
  },
  {
    name: 'five outputs of two dtypes (Split, TopK)',
    model: multipleOutputs,
    resolved: { batch: 1 },
    inputs: [fed('x', 'float32', [1, 12])],
  },
  {
    name: 'nodes without names',
    model: unnamedChain,
    resolved: { batch: 1 },
    inputs: [fed('x', 'float32', [1, 8])],
  },
];

describe('models users bring', () => {
  it.each(USER_MODELS)('profiles $name', async ({ model, dims = {}, resolved, inputs, opName }) => {
    const dir = tempDir('compat');
    const modelPath = writeModel(dir, 'model.onnx', model());
    const result = await profileModel({
      modelPath,
      sessionsDir: join(dir, 'sessions'),
      settings: { ...SETTINGS, dims },
    });

    expect(result.error).toBeUndefined();
    expect(result.status).toBe('complete');
    expect(Object.fromEntries(result.dims.map((dim) => [dim.name, dim.value]))).toEqual(resolved);
    const chosen = result.dims.filter((dim) => dim.source === 'user').map((dim) => dim.name);
    expect(chosen.sort()).toEqual(Object.keys(dims).sort());
    expect(result.inputs).toEqual(inputs);
    expect(result.ops.length).toBeGreaterThan(0);
    // The contract's Dim: a dim the graph leaves open is null, whatever the converter wrote.
    const declaredDims = result.model.inputs.flatMap((input) => input.shape);
    expect(declaredDims.filter((dim) => typeof dim === 'number' && dim < 0)).toEqual([]);
    // The op table is keyed by name: an empty one would merge unnamed nodes into one line.
    for (const op of result.ops) expect(op.name).not.toBe('');
    if (opName) expect(result.ops.map((op) => op.name)).toContainEqual(expect.stringMatching(opName));
  });
});
