/** Reference forward passes of the MLP, CNN and embedding presets, from the builder's weights. */
import type { GraphBuilder } from '../../../models/builder/graph-builder.js';
import type { CnnConfig } from '../../../models/presets/cnn.js';
import type { EmbeddingConfig } from '../../../models/presets/embedding.js';
import { addBias, gelu, matmul, relu, transpose } from './math.js';

/** The MLP: even layers Gemm (W [out, in]) + Relu, odd layers MatMul + Add + Gelu. */
export function mlpForward(
  g: GraphBuilder,
  widths: readonly number[],
  input: Float32Array,
  batch: number,
): Float64Array {
  let x: Float64Array = Float64Array.from(input);
  for (let layer = 0; layer + 1 < widths.length; layer++) {
    const inF = widths[layer] as number;
    const outF = widths[layer + 1] as number;
    const stored = g.weightValues(`layers.${layer}.weight`);
    const weight = layer % 2 === 0 ? transpose(stored, outF, inF) : stored;
    x = addBias(matmul(x, weight, batch, inF, outF), g.weightValues(`layers.${layer}.bias`));
    if (layer + 2 < widths.length) x = layer % 2 === 0 ? relu(x) : gelu(x);
  }
  return x;
}

interface Feature {
  data: Float64Array;
  channels: number;
  height: number;
  width: number;
}

/** 3×3 convolution, padding 1, for one image. */
function conv3x3(x: Feature, weight: Float32Array, outChannels: number, stride: number): Feature {
  const height = Math.floor((x.height + 2 - 3) / stride) + 1;
  const width = Math.floor((x.width + 2 - 3) / stride) + 1;
  const data = new Float64Array(outChannels * height * width);
  for (let o = 0; o < outChannels; o++) {
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < width; xx++) {
        let sum = 0;
        for (let c = 0; c < x.channels; c++) {
          for (let ky = 0; ky < 3; ky++) {
            const iy = y * stride + ky - 1;
            if (iy < 0 || iy >= x.height) continue;
            for (let kx = 0; kx < 3; kx++) {
              const ix = xx * stride + kx - 1;
              if (ix < 0 || ix >= x.width) continue;
              const w = weight[((o * x.channels + c) * 3 + ky) * 3 + kx] as number;
              sum += w * (x.data[(c * x.height + iy) * x.width + ix] as number);
            }
          }
        }
        data[(o * height + y) * width + xx] = sum;
      }
    }
  }
  return { data, channels: outChannels, height, width };
}

function batchNorm(g: GraphBuilder, prefix: string, x: Feature): Feature {
  const scale = g.weightValues(`${prefix}.bn.weight`);
  const bias = g.weightValues(`${prefix}.bn.bias`);
  const mean = g.weightValues(`${prefix}.bn.running_mean`);
  const variance = g.weightValues(`${prefix}.bn.running_var`);
  const plane = x.height * x.width;
  const data = x.data.map((v, i) => {
    const c = Math.floor(i / plane);
    return (
      ((v - (mean[c] as number)) / Math.sqrt((variance[c] as number) + 1e-5)) * (scale[c] as number) +
      (bias[c] as number)
    );
  });
  return { ...x, data };
}

function convBn(g: GraphBuilder, prefix: string, x: Feature, outChannels: number, stride: number): Feature {
  return batchNorm(g, prefix, conv3x3(x, g.weightValues(`${prefix}.conv.weight`), outChannels, stride));
}

const reluFeature = (x: Feature): Feature => ({ ...x, data: relu(x.data) });

function maxPool2x2(x: Feature): Feature {
  const height = Math.floor(x.height / 2);
  const width = Math.floor(x.width / 2);
  const data = new Float64Array(x.channels * height * width);
  for (let c = 0; c < x.channels; c++) {
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < width; xx++) {
        let best = -Infinity;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            best = Math.max(best, x.data[(c * x.height + 2 * y + dy) * x.width + 2 * xx + dx] as number);
          }
        }
        data[(c * height + y) * width + xx] = best;
      }
    }
  }
  return { data, channels: x.channels, height, width };
}

/** The CNN preset for a batch of NCHW images. */
export function cnnForward(
  g: GraphBuilder,
  config: CnnConfig,
  images: Float32Array,
  batch: number,
  height: number,
  width: number,
): Float64Array {
  const [stem, middle, last] = config.channels;
  const logits: number[] = [];
  const imageSize = 3 * height * width;
  for (let b = 0; b < batch; b++) {
    const image = {
      data: Float64Array.from(images.subarray(b * imageSize, (b + 1) * imageSize)),
      channels: 3,
      height,
      width,
    };
    let x = reluFeature(convBn(g, 'stem', image, stem, 2));
    x = reluFeature(convBn(g, 'stage1', x, middle, 2));
    const skip = x;
    x = reluFeature(convBn(g, 'block1.a', x, middle, 1));
    x = convBn(g, 'block1.b', x, middle, 1);
    x = reluFeature({ ...x, data: x.data.map((v, i) => v + (skip.data[i] as number)) });
    x = reluFeature(convBn(g, 'stage2', maxPool2x2(x), last, 2));
    const plane = x.height * x.width;
    const pooled = Float64Array.from({ length: last }, (_, c) => {
      let sum = 0;
      for (let i = 0; i < plane; i++) sum += x.data[c * plane + i] as number;
      return sum / plane;
    });
    const weight = transpose(g.weightValues('classifier.weight'), config.classes, last);
    logits.push(...addBias(matmul(pooled, weight, 1, last, config.classes), g.weightValues('classifier.bias')));
  }
  return Float64Array.from(logits);
}

/** Gather rows, mean over the sequence, project. */
export function embeddingForward(
  g: GraphBuilder,
  config: EmbeddingConfig,
  ids: readonly number[],
  batch: number,
  sequence: number,
): Float64Array {
  const { embeddingDim: dim } = config;
  const table = g.weightValues('embedding.weight');
  const pooled = new Float64Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < sequence; s++) {
      const row = ids[b * sequence + s] as number;
      for (let d = 0; d < dim; d++)
        pooled[b * dim + d] = (pooled[b * dim + d] as number) + (table[row * dim + d] as number) / sequence;
    }
  }
  const projected = matmul(pooled, g.weightValues('projection.weight'), batch, dim, config.outFeatures);
  return addBias(projected, g.weightValues('projection.bias'));
}
