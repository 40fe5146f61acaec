/**
 * Language-model generation metrics, defined as vLLM's benchmarks define them so that
 * numbers compare with serving benchmarks (see `LLM_DEFINITIONS`).
 */
import { z } from 'zod';

export const Distribution = z.strictObject({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number() });
export type Distribution = z.infer<typeof Distribution>;

/** One combination of prompt length, output length and batch, over its repetitions. */
export const LlmSummary = z.strictObject({
  promptTokens: z.number().int(),
  outputTokens: z.number().int(),
  batch: z.number().int(),
  requests: z.number().int(),
  /** False for a decoder without a KV cache: every step recomputes the whole sequence. */
  kvCache: z.boolean(),
  ttftMs: Distribution,
  /** Null when each request produced a single token. */
  tpotMs: Distribution.nullable(),
  itlMs: z.strictObject({ p50: z.number(), p90: z.number(), p99: z.number() }).nullable(),
  e2eMs: Distribution,
  outputTokensPerSec: z.number(),
  prefillTokensPerSec: z.number(),
  kvCacheBytesPerToken: z.number().nullable(),
  /** The cache of the whole batch after the last token: batch × (prompt + output) tokens. */
  kvCacheBytesAtEnd: z.number().nullable(),
  definitions: z.record(z.string(), z.string()),
});
export type LlmSummary = z.infer<typeof LlmSummary>;

export const LLM_DEFINITIONS: Record<string, string> = {
  ttftMs:
    'time to first token: from the start of the request (before the prefill run) to the first output token being available (after its greedy pick)',
  tpotMs: 'time per output token: (e2e − TTFT) / (N − 1) for each request, N output tokens',
  itlMs:
    'inter-token latency: the pooled gaps between consecutive output tokens of all requests; TTFT is not one of them (llmperf counts TTFT as an ITL, so its numbers are higher)',
  e2eMs: 'end-to-end latency: from the start of the request to its last output token',
  outputTokensPerSec: 'batch × N output tokens / e2e, averaged over requests',
  prefillTokensPerSec: 'batch × P prompt tokens / TTFT, averaged over requests',
  kvCacheBytesPerToken: '2 (keys, values) × layers × KV heads × head size × element size, for one sequence',
  kvCacheBytesAtEnd:
    'the KV cache of the whole batch after the last token: batch × (prompt + output tokens) × bytes per token',
};
