/**
 * Models whose inputs are not (only) float32: ids, masks, half and double precision,
 * raw image bytes and the narrower integer widths, each consumed the way real graphs
 * consume them (Gather, Where, Cast).
 */
import type { ModelProto } from '../../../electron/core/models/onnx-proto.js';
import { DataType } from '../../../electron/core/models/onnx-proto.js';
import type { TensorDtype } from '../../../electron/shared/model.js';
import { int, ints } from '../../../models/builder/attributes.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { normal } from '../../../models/builder/tensors.js';
import { linear } from '../../../models/presets/layers.js';
import { exportAs, PLAIN } from './conventions.js';

const SEED = 7;

export const toFloat = (g: GraphBuilder, x: string): string => g.op('Cast', [x], { to: int(DataType.FLOAT) });

/** 3×3 same-padding convolution with bias, NCHW. */
export function conv3x3(g: GraphBuilder, x: string, inCh: number, outCh: number): string {
  const weight = g.weight('conv.weight', [outCh, inCh, 3, 3], normal(0.1));
  const bias = g.weight('conv.bias', [outCh], normal(0.01));
  return g.op('Conv', [x, weight, bias], { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]) });
}

/**
 * float32 features, int64 ids into a `vocab`-row embedding table (ORT's Gather fails
 * on an id ≥ vocab, so the engine must bound them) and a bool mask read by Where.
 */
export function mixedInputs(vocab: number): ModelProto {
  const g = new GraphBuilder('mixed', SEED);
  const features = g.input('features', 'float32', ['batch', 8]);
  const ids = g.input('ids', 'int64', ['batch', 'sequence']);
  const mask = g.input('mask', 'bool', ['batch', 'sequence']);
  const table = g.weight('embedding.weight', [vocab, 8], normal(1));
  const rows = g.op('Gather', [table, ids], { axis: int(0) });
  const keep = g.op('Unsqueeze', [mask, g.int64s([2])]);
  const kept = g.op('Where', [keep, rows, g.scalar(0)]);
  const pooled = g.op('ReduceMean', [kept], { axes: ints([1]), keepdims: int(0) });
  g.output(g.op('Add', [features, pooled]), 'output', 'float32', ['batch', 8]);
  return exportAs(g, PLAIN);
}

/** A half-precision image cast up to float before the first convolution. */
export function float16Image(): ModelProto {
  const g = new GraphBuilder('float16', SEED);
  const pixels = g.input('pixel_values', 'float16', ['batch', 3, 8, 8]);
  const features = g.op('Relu', [conv3x3(g, toFloat(g, pixels), 3, 4)]);
  g.output(features, 'features', 'float32', ['batch', 4, 8, 8]);
  return exportAs(g, PLAIN);
}

/** Double-precision measurements (scientific and tabular models) cast down to float. */
export function float64Features(): ModelProto {
  const g = new GraphBuilder('float64', SEED);
  const x = g.input('x', 'float64', ['batch', 4]);
  g.output(linear(g, toFloat(g, x), 4, 2), 'y', 'float32', ['batch', 2]);
  return exportAs(g, PLAIN);
}

/** Raw HWC bytes: Cast, scale to [0, 1], Transpose to CHW, convolve. */
export function uint8Image(): ModelProto {
  const g = new GraphBuilder('uint8-image', SEED);
  const image = g.input('image', 'uint8', ['batch', 16, 16, 3]);
  const scaled = g.op('Div', [toFloat(g, image), g.scalar(255)]);
  const nchw = g.op('Transpose', [scaled], { perm: ints([0, 3, 1, 2]) });
  g.output(conv3x3(g, nchw, 3, 4), 'features', 'float32', ['batch', 4, 16, 16]);
  return exportAs(g, PLAIN);
}

export const INTEGER_WIDTHS: readonly TensorDtype[] = ['int32', 'int16', 'int8', 'uint16', 'uint32', 'uint64'];

/** One input per integer width, each cast to float and summed. */
export function integerWidths(): ModelProto {
  const g = new GraphBuilder('integer-widths', SEED);
  const cast = INTEGER_WIDTHS.map((dtype) => toFloat(g, g.input(`${dtype}_input`, dtype, ['batch', 4])));
  g.output(g.op('Sum', cast), 'total', 'float32', ['batch', 4]);
  return exportAs(g, PLAIN);
}

/**
 * An int64 input that indexes nothing: no table bounds it, so the engine must pick
 * values that are valid anyway (here: offsets added to a constant, then cast).
 */
export function unboundedInteger(): ModelProto {
  const g = new GraphBuilder('unbounded', SEED);
  const offsets = g.input('offsets', 'int64', ['batch', 4]);
  const shifted = g.op('Add', [offsets, g.int64s([10, 20, 30, 40])]);
  g.output(linear(g, toFloat(g, shifted), 4, 3), 'y', 'float32', ['batch', 3]);
  return exportAs(g, PLAIN);
}
