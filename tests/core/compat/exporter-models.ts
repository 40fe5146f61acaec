/**
 * Small graphs written the way PyTorch, TensorFlow (tf2onnx) and Paddle (paddle2onnx)
 * write theirs: their input names, dim names (or no names), opsets and node names.
 */
import type { ModelProto } from '../../../electron/core/models/onnx-proto.js';
import { AttributeType } from '../../../electron/core/models/onnx-proto.js';
import { floats, int, ints, string, tensor } from '../../../models/builder/attributes.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { floatTensor, normal } from '../../../models/builder/tensors.js';
import { layerNorm, linear } from '../../../models/presets/layers.js';
import {
  exportAs,
  inDomain,
  initializersAsInputs,
  PADDLE2ONNX,
  SKL2ONNX,
  TF2ONNX,
  TORCH_DYNAMO,
  TORCH_LEGACY,
  TORCH_SCRIPT,
  torchNodeNames,
} from './conventions.js';
import { conv3x3, toFloat } from './dtype-models.js';

const SEED = 11;

/**
 * torch.onnx.export (TorchScript): unnamed forward arguments become `input.1` and,
 * for one that only feeds a Gather, `onnx::Gather_1`; outputs are numbered.
 */
export function torchScript(): ModelProto {
  const g = new GraphBuilder('torch_jit', SEED);
  const x = g.input('input.1', 'float32', ['batch_size', 16]);
  const ids = g.input('onnx::Gather_1', 'int64', ['batch_size', 6]);
  const table = g.weight('embed.weight', [30, 16], normal(1));
  const rows = g.op('Gather', [table, ids], { axis: int(0) });
  const pooled = g.op('ReduceMean', [rows], { axes: ints([1]), keepdims: int(0) });
  const hidden = g.op('Relu', [g.scope('layers.0', () => linear(g, g.op('Add', [x, pooled]), 16, 16))]);
  const logits = g.scope('head', () => linear(g, hidden, 16, 4));
  g.output(logits, '19', 'float32', ['batch_size', 4]);
  return torchNodeNames(exportAs(g, TORCH_SCRIPT), 'model/layers.0');
}

/**
 * torch.onnx.export(dynamo=True): dims are the tracer's symbols `s0`, `s1`; opset 18
 * moves ReduceMean's axes to an input.
 */
export function torchDynamo(): ModelProto {
  const g = new GraphBuilder('main_graph', SEED);
  const ids = g.input('input_ids', 'int64', ['s0', 's1']);
  const mask = g.input('attention_mask', 'int64', ['s0', 's1']);
  const table = g.weight('embed_tokens.weight', [40, 16], normal(1));
  const hidden = g.scope('norm', () => layerNorm(g, g.op('Gather', [table, ids], { axis: int(0) }), 16));
  const weights = g.op('Unsqueeze', [g.op('Cast', [mask], { to: int(1) }), g.int64s([2])]);
  const masked = g.op('Mul', [hidden, weights]);
  const pooled = g.op('ReduceMean', [masked, g.int64s([1])], { keepdims: int(0) });
  g.output(
    g.scope('score', () => linear(g, pooled, 16, 2)),
    'linear',
    'float32',
    ['s0', 2],
  );
  return exportAs(g, TORCH_DYNAMO);
}

/** PyTorch 1.x at opset 9: every weight is also a graph input (`keep_initializers_as_inputs`). */
export function torchLegacy(): ModelProto {
  const g = new GraphBuilder('torch-jit-export', SEED);
  const x = g.input('input.1', 'float32', ['batch', 12]);
  const hidden = g.op('Relu', [g.scope('fc1', () => linear(g, x, 12, 8))]);
  g.output(
    g.scope('fc2', () => linear(g, hidden, 8, 3)),
    'output.1',
    'float32',
    ['batch', 3],
  );
  return initializersAsInputs(torchNodeNames(exportAs(g, TORCH_LEGACY), 'model'));
}

/**
 * A Keras image classifier through tf2onnx: `:0` tensor names, `unk__` dims, NHWC
 * input transposed to NCHW for Conv and back for Keras' pooling.
 */
export function tfImage(): ModelProto {
  const g = new GraphBuilder('tf2onnx', SEED);
  const image = g.input('serving_default_input_1:0', 'float32', ['unk__0', 32, 32, 3]);
  const nchw = g.op('Transpose', [image], { perm: ints([0, 3, 1, 2]) });
  const activated = g.op('Relu', [conv3x3(g, nchw, 3, 8)]);
  const nhwc = g.op('Transpose', [activated], { perm: ints([0, 2, 3, 1]) });
  const pooled = g.op('ReduceMean', [nhwc], { axes: ints([1, 2]), keepdims: int(0) });
  const probs = g.op('Softmax', [g.scope('dense', () => linear(g, pooled, 8, 10))], { axis: int(-1) });
  g.output(probs, 'StatefulPartitionedCall:0', 'float32', ['unk__1', 10]);
  return exportAs(g, TF2ONNX);
}

/** A BERT-style Keras encoder through tf2onnx: int32 word ids and mask, `unk__` dims. */
export function tfText(): ModelProto {
  const g = new GraphBuilder('tf2onnx', SEED);
  const ids = g.input('serving_default_input_word_ids:0', 'int32', ['unk__123', 'unk__124']);
  const mask = g.input('serving_default_input_mask:0', 'int32', ['unk__123', 'unk__124']);
  const table = g.weight('word_embeddings/embeddings', [64, 8], normal(1));
  const rows = g.op('Gather', [table, ids], { axis: int(0) });
  const weights = g.op('Unsqueeze', [toFloat(g, mask), g.int64s([2])]);
  const pooled = g.op('ReduceMean', [g.op('Mul', [rows, weights])], { axes: ints([1]), keepdims: int(0) });
  g.output(
    g.scope('pooler', () => linear(g, pooled, 8, 2)),
    'StatefulPartitionedCall:0',
    'float32',
    ['unk__125', 2],
  );
  return exportAs(g, TF2ONNX);
}

/**
 * A PaddleDetection-style model: batch written as dim_value -1 on `image`,
 * `scale_factor` and `im_shape`, boxes scaled back to the original image.
 */
export function paddleDetector(): ModelProto {
  const g = new GraphBuilder('paddle-infer', SEED);
  const image = g.input('image', 'float32', [-1, 3, 32, 32]);
  const scale = g.input('scale_factor', 'float32', [-1, 2]);
  const shape = g.input('im_shape', 'float32', [-1, 2]);
  const features = g.op('Flatten', [g.op('GlobalAveragePool', [g.op('Relu', [conv3x3(g, image, 3, 4)])])]);
  const boxes = g.op('Mul', [g.op('Sigmoid', [g.scope('head', () => linear(g, features, 4, 2))]), shape]);
  g.output(g.op('Div', [boxes, scale]), 'save_infer_model/scale_0.tmp_0', 'float32', [-1, 2]);
  const scores = g.op('Softmax', [features], { axis: int(1) });
  g.output(scores, 'save_infer_model/scale_1.tmp_0', 'float32', [-1, 4]);
  return exportAs(g, PADDLE2ONNX);
}

/**
 * A PaddleOCR-style text detector: batch, height and width all dim_value -1. Its FPN
 * upsamples a stride-2 map ×2 and concatenates it with the stride-1 map, so it only
 * runs on an image of at least 2×2 (real ones: multiples of 32).
 */
export function paddleOcrDetector(): ModelProto {
  const g = new GraphBuilder('paddle-infer', SEED);
  const x = g.input('x', 'float32', [-1, 3, -1, -1]);
  const fine = g.scope('stem', () => g.op('Relu', [conv3x3(g, x, 3, 4)]));
  const coarse = g.scope('down', () =>
    g.op('MaxPool', [conv3x3(g, fine, 4, 4)], { kernel_shape: ints([2, 2]), strides: ints([2, 2]) }),
  );
  const floatConstant = (dims: number[], values: number[]) =>
    g.op('Constant', [], { value: tensor(floatTensor('', dims, Float32Array.from(values))) });
  const up = g.op('Resize', [coarse, floatConstant([0], []), floatConstant([4], [1, 1, 2, 2])], {
    mode: string('nearest'),
  });
  const merged = g.op('Concat', [fine, up], { axis: int(1) });
  const weight = g.weight('head.weight', [1, 8, 1, 1], normal(0.1));
  g.output(g.op('Sigmoid', [g.op('Conv', [merged, weight])]), 'sigmoid_0.tmp_0', 'float32', [-1, 1, -1, -1]);
  return exportAs(g, PADDLE2ONNX);
}

/** An ERNIE-style Paddle text model: int64 `x` whose dims have neither value nor name. */
export function paddleText(): ModelProto {
  const g = new GraphBuilder('paddle-infer', SEED);
  const x = g.input('x', 'int64', [null, null]);
  const table = g.weight('embedding_0.w_0', [100, 8], normal(1));
  const rows = g.op('Gather', [table, x], { axis: int(0) });
  const pooled = g.op('ReduceMean', [rows], { axes: ints([1]), keepdims: int(0) });
  g.output(
    g.scope('linear_0', () => linear(g, pooled, 8, 3)),
    'linear_1.tmp_1',
    'float32',
    [null, 3],
  );
  return exportAs(g, PADDLE2ONNX);
}

/**
 * A scikit-learn pipeline through skl2onnx: a string category encoded by the
 * `ai.onnx.ml` LabelEncoder beside float features, into a LinearRegressor.
 */
export function sklearnPipeline(): ModelProto {
  const g = new GraphBuilder('pipeline', SEED);
  const features = g.input('float_input', 'float32', [null, 4]);
  const category = g.input('category', 'string', [null, 1]);
  const codes = g.op('LabelEncoder', [category], {
    keys_strings: { type: AttributeType.STRINGS, strings: ['red', 'green'].map((s) => new TextEncoder().encode(s)) },
    values_int64s: ints([1, 2]),
    default_int64: int(0),
  });
  const row = g.op('Concat', [features, toFloat(g, codes)], { axis: int(1) });
  const prediction = g.op('LinearRegressor', [row], {
    coefficients: floats([0.5, -0.25, 1, 2, 0.125]),
    intercepts: floats([0.1]),
    post_transform: string('NONE'),
  });
  g.output(prediction, 'variable', 'float32', [null, 1]);
  return inDomain(exportAs(g, SKL2ONNX), 'ai.onnx.ml', 3, ['LabelEncoder', 'LinearRegressor']);
}
