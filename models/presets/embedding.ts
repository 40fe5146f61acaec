/**
 * A memory-bound model: an embedding table read by Gather at random rows, averaged
 * over the sequence, then a tiny projection. Almost no arithmetic per byte moved.
 */
import { GraphBuilder } from '../builder/graph-builder.js';
import { int, ints } from '../builder/attributes.js';
import { normal } from '../builder/tensors.js';
import { linear } from './layers.js';

export interface EmbeddingConfig {
  vocab: number;
  embeddingDim: number;
  outFeatures: number;
  seed: number;
}

export function buildEmbedding(config: EmbeddingConfig): GraphBuilder {
  const g = new GraphBuilder('embedding', config.seed);
  const ids = g.input('ids', 'int64', ['batch', 'sequence']);
  const table = g.weight('embedding.weight', [config.vocab, config.embeddingDim], normal(1));
  const rows = g.op('Gather', [table, ids], { axis: int(0) });
  const pooled = g.op('ReduceMean', [rows], { axes: ints([1]), keepdims: int(0) });
  const features = g.scope('projection', () => linear(g, pooled, config.embeddingDim, config.outFeatures));
  g.output(features, 'features', 'float32', ['batch', config.outFeatures]);
  return g;
}
