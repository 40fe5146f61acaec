/** Two sessions side by side: the metrics a user compares, with deltas and caveats. */
import type { Comparison, ComparisonRow, SessionSummary } from '../../shared/api.js';
import type { ProfileResult } from '../../shared/session.js';

type Unit = ComparisonRow['unit'];

/**
 * `lowerIsBetter` decides which side wins a row; null for figures that are neither good
 * nor bad on their own (less CPU with less throughput is no win).
 */
const METRICS: Array<{
  metric: string;
  label: string;
  unit: Unit;
  lowerIsBetter: boolean | null;
  of(r: ProfileResult): number | null;
}> = [
  { metric: 'loadMs', label: 'Model read', unit: 'ms', lowerIsBetter: true, of: (r) => r.loadMs },
  { metric: 'createMs', label: 'Session create', unit: 'ms', lowerIsBetter: true, of: (r) => r.createMs },
  { metric: 'firstRunMs', label: 'First run', unit: 'ms', lowerIsBetter: true, of: (r) => r.firstRunMs },
  {
    metric: 'latencyP50Ms',
    label: 'Latency p50',
    unit: 'ms',
    lowerIsBetter: true,
    of: (r) => r.latencyMs?.p50 ?? null,
  },
  {
    metric: 'latencyP90Ms',
    label: 'Latency p90',
    unit: 'ms',
    lowerIsBetter: true,
    of: (r) => r.latencyMs?.p90 ?? null,
  },
  {
    metric: 'latencyP99Ms',
    label: 'Latency p99',
    unit: 'ms',
    lowerIsBetter: true,
    of: (r) => r.latencyMs?.p99 ?? null,
  },
  {
    metric: 'throughputPerSec',
    label: 'Throughput',
    unit: 'perSec',
    lowerIsBetter: false,
    of: (r) => r.throughputPerSec,
  },
  { metric: 'peakRssBytes', label: 'Peak RSS', unit: 'bytes', lowerIsBetter: true, of: (r) => r.peakRssBytes },
  { metric: 'cpuAvgPct', label: 'Machine CPU', unit: 'pct', lowerIsBetter: null, of: (r) => r.cpu.avgUtilPct },
  { metric: 'workerCpuPct', label: 'Worker CPU', unit: 'pct', lowerIsBetter: null, of: (r) => r.cpu.workerAvgPct },
  { metric: 'ttftP50Ms', label: 'TTFT p50', unit: 'ms', lowerIsBetter: true, of: (r) => r.llm?.ttftMs.p50 ?? null },
  { metric: 'tpotP50Ms', label: 'TPOT p50', unit: 'ms', lowerIsBetter: true, of: (r) => r.llm?.tpotMs?.p50 ?? null },
  {
    metric: 'outputTokensPerSec',
    label: 'Output tokens/s',
    unit: 'tokensPerSec',
    lowerIsBetter: false,
    of: (r) => r.llm?.outputTokensPerSec ?? null,
  },
];

/** Differences under this are reported as a tie: run-to-run noise on a shared machine is larger. */
const TIE_PCT = 1;

export function compareResults(
  a: ProfileResult,
  b: ProfileResult,
  summary: (r: ProfileResult) => SessionSummary,
): Comparison {
  const rows = METRICS.flatMap(({ metric, label, unit, lowerIsBetter, of }) => {
    const va = of(a);
    const vb = of(b);
    if (va === null && vb === null) return [];
    const deltaPct = va !== null && vb !== null && va !== 0 ? ((vb - va) / Math.abs(va)) * 100 : null;
    const better =
      deltaPct === null || lowerIsBetter === null || Math.abs(deltaPct) < TIE_PCT
        ? null
        : deltaPct < 0 === lowerIsBetter
          ? 'b'
          : 'a';
    return [{ metric, label, unit, a: va, b: vb, deltaPct, better } satisfies ComparisonRow];
  });
  return { a: summary(a), b: summary(b), caveats: caveats(a, b), rows };
}

function caveats(a: ProfileResult, b: ProfileResult): string[] {
  const out: string[] = [];
  if (a.machine.hostname !== b.machine.hostname || a.machine.cpuModel !== b.machine.cpuModel)
    out.push(
      `Different machines: ${a.machine.cpuModel} (${a.machine.hostname}) vs ${b.machine.cpuModel} (${b.machine.hostname}).`,
    );
  if (a.model.sha256 !== b.model.sha256) out.push('Different model files (their sha256 differ).');
  const changed = (Object.keys(a.settings) as Array<keyof ProfileResult['settings']>).filter(
    (key) => JSON.stringify(a.settings[key]) !== JSON.stringify(b.settings[key]),
  );
  if (changed.length > 0) out.push(`Different settings: ${changed.join(', ')}.`);
  const dims = (r: ProfileResult) => r.dims.map((d) => `${d.name}=${d.value}`).join(',');
  if (dims(a) !== dims(b)) out.push(`Different input dimensions: ${dims(a) || 'none'} vs ${dims(b) || 'none'}.`);
  for (const r of [a, b])
    if (r.status !== 'complete')
      out.push(`Session ${r.sessionId} is ${r.status}: its figures cover what was recorded.`);
  return out;
}
