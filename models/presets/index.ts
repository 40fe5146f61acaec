/**
 * Every model the generator can make. Bundled ones are committed in `models/` and
 * must fit 9 MB together; the rest are made on demand into a cache folder.
 */
import type { GraphBuilder } from '../builder/graph-builder.js';
import { buildCnn } from './cnn.js';
import { buildDecoder } from './decoder.js';
import { buildEmbedding } from './embedding.js';
import { buildMlp } from './mlp.js';

/** What the CLI lists for `modeldyno models`. */
export interface PresetInfo {
  name: string;
  description: string;
  /** True when the file ships in `models/`; false when made on demand. */
  bundled: boolean;
  /** Parameter count, rounded, for display before the file exists. */
  approxParams: number;
}

export interface Preset extends PresetInfo {
  /** Defaults for the symbolic dims (the `modeldyno.dims` metadata). */
  dims: Readonly<Record<string, number>>;
  opset?: number;
  build(): GraphBuilder;
}

const SEED = 20240601;

/** GPT-2 small (124M): the configuration Hugging Face publishes as `gpt2`. */
export const GPT2_SMALL = {
  layers: 12,
  dModel: 768,
  heads: 12,
  vocab: 50257,
  maxPositions: 1024,
  embeddingStd: 0.02,
  seed: SEED,
} as const;

/**
 * Llama's shape at small scale: RMSNorm, separate q/k/v projections, grouped-query
 * attention (8 query heads share 2 KV heads, so the cache is a quarter of MHA's),
 * SwiGLU MLP at Llama's ⌈8/3·d⌉ rounded to 256, no biases, untied LM head and
 * Llama's 32000-token vocabulary. Positions are a learned table, not rotary.
 */
export const LLAMA_GQA_SMALL = {
  layers: 6,
  dModel: 512,
  heads: 8,
  kvHeads: 2,
  vocab: 32_000,
  maxPositions: 2048,
  embeddingStd: 0.02,
  fusedQkv: false,
  norm: 'rms',
  mlp: 'swiglu',
  mlpHidden: 1536,
  bias: false,
  tiedHead: false,
  seed: SEED,
} as const;

/** The same architecture small enough for tests to build and run in milliseconds. */
export const DECODER_GQA_TINY = {
  ...LLAMA_GQA_SMALL,
  layers: 2,
  dModel: 64,
  heads: 4,
  kvHeads: 2,
  vocab: 512,
  maxPositions: 128,
  embeddingStd: 0.3,
  mlpHidden: 128,
} as const;

/** GPT-2's shape, tiny, without a KV cache: every step recomputes the whole sequence. */
export const DECODER_NOCACHE_TINY = {
  layers: 2,
  dModel: 64,
  heads: 4,
  vocab: 512,
  maxPositions: 128,
  embeddingStd: 0.3,
  kvCache: false,
  seed: SEED,
} as const;

const CACHED_DIMS = {
  batch_size: 1,
  sequence_length: 128,
  past_sequence_length: 0,
  total_sequence_length: 128,
} as const;

export const PRESET_DEFINITIONS: readonly Preset[] = [
  {
    name: 'mlp',
    description:
      'Compute-bound MLP: Gemm/MatMul layers 256→1024→512→128 with Relu and Gelu; ' +
      'about 0.9 GFLOP per run at the default batch of 512.',
    bundled: true,
    approxParams: 850_000,
    dims: { batch: 512 },
    build: () => buildMlp({ widths: [256, 1024, 512, 128], seed: SEED }),
  },
  {
    name: 'cnn',
    description:
      'Small ResNet-style image model: strided Conv + BatchNormalization + Relu, a ' +
      'residual block, MaxPool, GlobalAveragePool and a Gemm classifier.',
    bundled: true,
    approxParams: 96_000,
    dims: { batch: 1, height: 224, width: 224 },
    build: () => buildCnn({ channels: [24, 48, 96], classes: 10, seed: SEED }),
  },
  {
    name: 'embedding',
    description:
      'Memory-bound embedding lookup: Gather of random rows from an 8000×64 table, ' +
      'ReduceMean over the sequence and a tiny projection.',
    bundled: true,
    approxParams: 513_000,
    dims: { batch: 32, sequence: 512 },
    build: () => buildEmbedding({ vocab: 8000, embeddingDim: 64, outFeatures: 16, seed: SEED }),
  },
  {
    name: 'decoder',
    description:
      'GPT-style decoder with KV cache in Hugging Face Optimum layout: 2 layers, ' +
      'd_model 128, 4 heads, vocabulary 2000, 256 positions.',
    bundled: true,
    approxParams: 685_000,
    dims: {
      batch_size: 1,
      sequence_length: 32,
      past_sequence_length: 0,
      total_sequence_length: 32,
    },
    build: () =>
      buildDecoder({
        layers: 2,
        dModel: 128,
        heads: 4,
        vocab: 2000,
        maxPositions: 256,
        embeddingStd: 0.3,
        seed: SEED,
      }),
  },
  {
    name: 'gpt2-small',
    description:
      'GPT-2 124M shapes (12 layers, d_model 768, 12 heads, vocabulary 50257, 1024 ' +
      'positions) with random weights, in the same Optimum layout as decoder.',
    bundled: false,
    approxParams: 124_439_808,
    dims: {
      batch_size: 1,
      sequence_length: 128,
      past_sequence_length: 0,
      total_sequence_length: 128,
    },
    build: () => buildDecoder(GPT2_SMALL),
  },
  {
    name: 'embedding-large',
    description:
      'Memory-bound embedding lookup from a 400000×256 table (about 410 MB): far ' +
      'beyond any cache, so each Gather waits on DRAM.',
    bundled: false,
    approxParams: 102_404_000,
    dims: { batch: 64, sequence: 2048 },
    build: () => buildEmbedding({ vocab: 400_000, embeddingDim: 256, outFeatures: 16, seed: SEED }),
  },
  {
    name: 'mlp-large',
    description: 'Compute-bound MLP with 4096-wide layers (about 235 MB of weights).',
    bundled: false,
    approxParams: 58_700_000,
    dims: { batch: 128 },
    build: () => buildMlp({ widths: [1024, 4096, 4096, 4096, 4096, 1024], seed: SEED }),
  },
  {
    name: 'llama-gqa-small',
    description:
      'Llama-style decoder with grouped-query attention (6 layers, d_model 512, 8 query ' +
      'heads sharing 2 KV heads, RMSNorm, SwiGLU, vocabulary 32000, 2048 positions), KV cache.',
    bundled: false,
    approxParams: 51_911_168,
    dims: CACHED_DIMS,
    build: () => buildDecoder(LLAMA_GQA_SMALL),
  },
  {
    name: 'decoder-gqa-tiny',
    description:
      'Tiny Llama-style decoder with grouped-query attention and KV cache: 2 layers, ' +
      'd_model 64, 4 query heads sharing 2 KV heads, vocabulary 512.',
    bundled: false,
    approxParams: 148_000,
    dims: { ...CACHED_DIMS, sequence_length: 32, total_sequence_length: 32 },
    build: () => buildDecoder(DECODER_GQA_TINY),
  },
  {
    name: 'decoder-nocache-tiny',
    description:
      'Tiny GPT-style decoder without a KV cache (input_ids, attention_mask, position_ids → ' +
      'logits): each step recomputes the whole sequence. 2 layers, d_model 64, 4 heads.',
    bundled: false,
    approxParams: 141_000,
    dims: { batch_size: 1, sequence_length: 32 },
    build: () => buildDecoder(DECODER_NOCACHE_TINY),
  },
];
