/** TTFT, TPOT, ITL and throughput per combination, from the journal's request records. */
import { LLM_DEFINITIONS, type Distribution, type LlmSummary } from '../../shared/llm.js';
import type { JournalRecord } from './journal-record.js';
import { mean, percentile } from './stats.js';

type RequestRecord = Extract<JournalRecord, { type: 'llm-request' }>;
type LayoutRecord = Extract<JournalRecord, { type: 'llm-layout' }>;

export function llmSummaries(requests: RequestRecord[], layout: LayoutRecord | undefined): LlmSummary[] {
  const measured = requests.filter((r) => !r.warmup && r.tokenMs.length > 0);
  const combos = new Map<string, RequestRecord[]>();
  for (const r of measured) {
    const key = `${r.promptTokens}/${r.outputTokens}/${r.batch}`;
    combos.set(key, [...(combos.get(key) ?? []), r]);
  }
  return [...combos.values()].map((group) => summarise(group, layout));
}

function summarise(group: RequestRecord[], layout: LayoutRecord | undefined): LlmSummary {
  const first = group[0]!;
  const ttft = group.map((r) => r.tokenMs[0]! - r.startMs);
  const e2e = group.map((r) => r.tokenMs[r.tokenMs.length - 1]! - r.startMs);
  const multi = group.filter((r) => r.tokenMs.length > 1);
  const tpot = multi.map((r) => (r.tokenMs[r.tokenMs.length - 1]! - r.tokenMs[0]!) / (r.tokenMs.length - 1));
  const gaps = multi.flatMap((r) => r.tokenMs.slice(1).map((t, i) => t - r.tokenMs[i]!));
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  const perToken = layout?.kvBytesPerToken ?? null;
  return {
    promptTokens: first.promptTokens,
    outputTokens: first.outputTokens,
    batch: first.batch,
    requests: group.length,
    kvCache: layout?.kvCache ?? true,
    ttftMs: distribution(ttft),
    tpotMs: tpot.length > 0 ? distribution(tpot) : null,
    itlMs:
      gaps.length > 0
        ? { p50: percentile(sortedGaps, 50), p90: percentile(sortedGaps, 90), p99: percentile(sortedGaps, 99) }
        : null,
    e2eMs: distribution(e2e),
    outputTokensPerSec: mean(group.map((r, i) => (r.batch * r.tokenMs.length * 1000) / e2e[i]!)),
    prefillTokensPerSec: mean(group.map((r, i) => (r.batch * r.promptTokens * 1000) / ttft[i]!)),
    kvCacheBytesPerToken: perToken,
    kvCacheBytesAtEnd: perToken === null ? null : perToken * first.batch * (first.promptTokens + first.outputTokens),
    definitions: LLM_DEFINITIONS,
  };
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { mean: mean(sorted), p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}
