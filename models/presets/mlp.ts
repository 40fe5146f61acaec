/**
 * A compute-bound MLP: wide dense layers whose FLOPs grow with the batch while the
 * weights stay a few MB, so at the default batch a run is dominated by GEMM.
 */
import { GraphBuilder } from '../builder/graph-builder.js';
import { gelu, gemm, linear, relu } from './layers.js';

export interface MlpConfig {
  /** Layer widths from input to output: [256, 1024, 512, 128] is three layers. */
  widths: readonly number[];
  seed: number;
}

/**
 * Layers alternate between the two forms exporters emit for a dense layer:
 * Gemm + Relu (even layers) and MatMul + Add + Gelu (odd layers). No activation
 * after the last layer.
 */
export function buildMlp(config: MlpConfig): GraphBuilder {
  const { widths } = config;
  const first = widths[0];
  const last = widths[widths.length - 1];
  if (first === undefined || last === undefined || widths.length < 2) {
    throw new Error('an MLP needs at least two widths');
  }
  const g = new GraphBuilder('mlp', config.seed);
  let x = g.input('input', 'float32', ['batch', first]);
  for (let layer = 0; layer + 1 < widths.length; layer++) {
    const inFeatures = widths[layer] as number;
    const outFeatures = widths[layer + 1] as number;
    const isLast = layer + 2 === widths.length;
    x = g.scope(`layers.${layer}`, () => {
      if (layer % 2 === 0) {
        const y = gemm(g, x, inFeatures, outFeatures);
        return isLast ? y : relu(g, y);
      }
      const y = linear(g, x, inFeatures, outFeatures);
      return isLast ? y : gelu(g, y);
    });
  }
  g.output(x, 'output', 'float32', ['batch', last]);
  return g;
}
