/**
 * Models whose interface, not their converter, is the point: fixed shapes, a scalar,
 * an open dim, outputs that are inputs, several outputs, nodes without names.
 */
import type { ModelProto } from '../../../electron/core/models/onnx-proto.js';
import { int } from '../../../models/builder/attributes.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { linear } from '../../../models/presets/layers.js';
import { exportAs, PLAIN, unnamedNodes } from './conventions.js';

const SEED = 13;

/** Every dim a number, plus a rank-0 `temperature`: nothing for the engine to choose. */
export function staticShapes(): ModelProto {
  const g = new GraphBuilder('static', SEED);
  const x = g.input('input', 'float32', [2, 16]);
  const temperature = g.input('temperature', 'float32', []);
  const logits = g.op('Div', [linear(g, x, 16, 4), temperature]);
  g.output(g.op('Softmax', [logits], { axis: int(-1) }), 'probs', 'float32', [2, 4]);
  return exportAs(g, PLAIN);
}

/** A batch dim with neither value nor name beside a named one. */
export function unnamedDim(): ModelProto {
  const g = new GraphBuilder('unnamed-dim', SEED);
  const x = g.input('input', 'float32', [null, 'sequence', 8]);
  g.output(g.op('Relu', [linear(g, x, 8, 8)]), 'output', 'float32', [null, 'sequence', 8]);
  return exportAs(g, PLAIN);
}

/**
 * Returns its input twice, as is and through Identity (models that hand back what
 * they were given, such as a decoder's `input_ids`), beside a computed output.
 */
export function inputPassthrough(): ModelProto {
  const g = new GraphBuilder('passthrough', SEED);
  const x = g.input('x', 'float32', ['batch', 4]);
  g.output(x, 'x', 'float32', ['batch', 4]);
  g.output(x, 'x_copy', 'float32', ['batch', 4]);
  g.output(g.op('Relu', [x]), 'y', 'float32', ['batch', 4]);
  return exportAs(g, PLAIN);
}

/** Five outputs of two dtypes: three Split parts and TopK's values and int64 indices. */
export function multipleOutputs(): ModelProto {
  const g = new GraphBuilder('multi-output', SEED);
  const x = g.input('x', 'float32', ['batch', 12]);
  const parts = g.opMulti('Split', [x], 3, { axis: int(1) }, ['part_0', 'part_1', 'part_2']);
  for (const part of parts) g.output(part, part, 'float32', ['batch', 4]);
  g.opMulti('TopK', [x, g.int64s([3])], 2, { axis: int(-1) }, ['top_values', 'top_indices']);
  g.output('top_values', 'top_values', 'float32', ['batch', 3]);
  g.output('top_indices', 'top_indices', 'int64', ['batch', 3]);
  return exportAs(g, PLAIN);
}

/** A chain of distinct ops whose nodes have no names (`onnx.helper.make_node`'s default). */
export function unnamedChain(): ModelProto {
  const g = new GraphBuilder('unnamed-nodes', SEED);
  const x = g.input('x', 'float32', ['batch', 8]);
  const hidden = g.op('Sigmoid', [g.op('Relu', [linear(g, x, 8, 8)])]);
  g.output(g.op('Softmax', [g.op('Tanh', [hidden])], { axis: int(-1) }), 'y', 'float32', ['batch', 8]);
  return unnamedNodes(exportAs(g, PLAIN));
}
