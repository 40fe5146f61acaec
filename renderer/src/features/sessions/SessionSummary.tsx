/** The session's headline figures in one strip; what was not measured reads n/a. */
import { formatBytes, formatMs, formatPct } from '../../../../electron/shared/format.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { formatPerSec } from '../../components/format.js';
import { Stat } from '../../components/ui.js';
import { SessionNotice } from './SessionNotice.js';

function latencyText(latency: ProfileResult['latencyMs']): string {
  if (!latency) return 'n/a';
  const short = (ms: number) => formatMs(ms).replace(' ms', '');
  return `${short(latency.p50)} / ${short(latency.p90)} / ${short(latency.p99)} ms`;
}

function cpuText(r: ProfileResult): string {
  const { avgUtilPct, workerAvgPct } = r.cpu;
  if (avgUtilPct === null && workerAvgPct === null) return 'n/a';
  return `${formatPct(avgUtilPct)} · ${formatPct(workerAvgPct)}`;
}

export function SessionSummary(props: { result: ProfileResult }) {
  const r = props.result;
  const measuredRuns = r.runs.filter((run) => !run.warmup).length;
  // Latencies in seconds would not share the ms unit of the p50/p90/p99 cell.
  const latencyInMs = r.latencyMs === null || r.latencyMs.p99 < 1000;
  return (
    <>
      <SessionNotice result={r} />
      <div className="summary-strip" data-testid="session-summary">
        <Stat label="Load" value={formatMs(r.loadMs)} hint="reading the model file" />
        <Stat label="Create" value={formatMs(r.createMs)} hint="ONNX Runtime session creation" />
        <Stat label="First run" value={formatMs(r.firstRunMs)} hint="the first inference: one-time setup included" />
        {latencyInMs ? (
          <Stat
            label="p50 / p90 / p99"
            value={latencyText(r.latencyMs)}
            hint={`latency percentiles over ${measuredRuns} measured runs`}
            wide
          />
        ) : (
          <Stat
            label="p50"
            value={formatMs(r.latencyMs?.p50 ?? null)}
            hint={`p90 ${formatMs(r.latencyMs?.p90 ?? null)}, p99 ${formatMs(r.latencyMs?.p99 ?? null)}`}
          />
        )}
        <Stat
          label="Throughput"
          value={formatPerSec(r.throughputPerSec, 'inf/s')}
          hint="measured runs per second of wall time"
        />
        <Stat label="Peak RSS" value={formatBytes(r.peakRssBytes)} hint="the worker's resident memory at its peak" />
        <Stat
          label="CPU · worker"
          value={cpuText(r)}
          hint="whole-machine busy % · the worker's own CPU (100 % = one core), during the measured runs"
          wide
        />
        {r.llm && (
          <>
            <Stat label="TTFT p50" value={formatMs(r.llm.ttftMs.p50)} hint="time to first token" />
            <Stat
              label="Output tok/s"
              value={formatPerSec(r.llm.outputTokensPerSec, '')}
              hint="output tokens per second"
            />
          </>
        )}
      </div>
    </>
  );
}
