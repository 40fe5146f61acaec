/**
 * A small ResNet-style image model: strided Conv + BatchNormalization + Relu stages,
 * one residual block, MaxPool, GlobalAveragePool and a Gemm classifier.
 */
import { GraphBuilder } from '../builder/graph-builder.js';
import { float, int, ints } from '../builder/attributes.js';
import { normal, uniform } from '../builder/tensors.js';
import { gemm } from './layers.js';

export interface CnnConfig {
  /** Output channels of the stem, the residual stage and the last stage. */
  channels: readonly [number, number, number];
  classes: number;
  seed: number;
}

const BN_EPSILON = 1e-5;

/** 3×3 convolution (He init, no bias: BatchNormalization follows) + BN. */
function convBn(g: GraphBuilder, x: string, inCh: number, outCh: number, stride: number): string {
  const fanIn = inCh * 9;
  const weight = g.weight('conv.weight', [outCh, inCh, 3, 3], normal(Math.sqrt(2 / fanIn)));
  const conv = g.op('Conv', [x, weight], {
    kernel_shape: ints([3, 3]),
    pads: ints([1, 1, 1, 1]),
    strides: ints([stride, stride]),
  });
  const scale = g.weight('bn.weight', [outCh], normal(0.1, 1));
  const bias = g.weight('bn.bias', [outCh], normal(0.1));
  const mean = g.weight('bn.running_mean', [outCh], normal(0.1));
  const variance = g.weight('bn.running_var', [outCh], uniform(0.5, 1.5));
  return g.op('BatchNormalization', [conv, scale, bias, mean, variance], {
    epsilon: float(BN_EPSILON),
  });
}

export function buildCnn(config: CnnConfig): GraphBuilder {
  const [stem, middle, last] = config.channels;
  const g = new GraphBuilder('cnn', config.seed);
  const image = g.input('image', 'float32', ['batch', 3, 'height', 'width']);
  let x = g.scope('stem', () => g.op('Relu', [convBn(g, image, 3, stem, 2)]));
  x = g.scope('stage1', () => g.op('Relu', [convBn(g, x, stem, middle, 2)]));
  const skip = x;
  x = g.scope('block1.a', () => g.op('Relu', [convBn(g, x, middle, middle, 1)]));
  x = g.scope('block1.b', () => convBn(g, x, middle, middle, 1));
  x = g.op('Relu', [g.op('Add', [x, skip])]);
  x = g.op('MaxPool', [x], { kernel_shape: ints([2, 2]), strides: ints([2, 2]) });
  x = g.scope('stage2', () => g.op('Relu', [convBn(g, x, middle, last, 2)]));
  x = g.op('Flatten', [g.op('GlobalAveragePool', [x])], { axis: int(1) });
  const logits = g.scope('classifier', () => gemm(g, x, last, config.classes));
  g.output(logits, 'logits', 'float32', ['batch', config.classes]);
  return g;
}
