/** The session's headline figures in one strip; what was not measured reads n/a. */
import { formatBytes, formatMs, formatPct } from '../../../../electron/shared/format.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { formatPerSec } from '../../components/format.js';
import { Stat } from '../../components/ui.js';

export function SessionSummary(props: { result: ProfileResult }) {
  const r = props.result;
  const latency = r.latencyMs;
  const measuredRuns = r.runs.filter((run) => !run.warmup).length;
  return (
    <div className="summary-strip" data-testid="session-summary">
      <Stat label="Load" value={formatMs(r.loadMs)} hint="reading the model file" />
      <Stat label="Create" value={formatMs(r.createMs)} hint="ONNX Runtime session creation" />
      <Stat label="First run" value={formatMs(r.firstRunMs)} hint="the first inference, warm-up included" />
      <Stat label="p50" value={formatMs(latency?.p50 ?? null)} hint={`median of ${measuredRuns} measured runs`} />
      <Stat label="p90" value={formatMs(latency?.p90 ?? null)} />
      <Stat label="p99" value={formatMs(latency?.p99 ?? null)} />
      <Stat label="Throughput" value={formatPerSec(r.throughputPerSec, 'inf/s')} hint="measured runs per second" />
      <Stat label="Peak RSS" value={formatBytes(r.peakRssBytes)} hint="the worker's resident memory at its peak" />
      <Stat label="CPU" value={formatPct(r.cpu.avgUtilPct)} hint="whole-machine busy % during the measured runs" />
      <Stat
        label="Worker CPU"
        value={formatPct(r.cpu.workerAvgPct)}
        hint="the worker's own CPU during the measured runs; 100 % = one core"
      />
      {r.llm && (
        <>
          <Stat label="TTFT p50" value={formatMs(r.llm.ttftMs.p50)} hint="time to first token" />
          <Stat
            label="Output"
            value={formatPerSec(r.llm.outputTokensPerSec, 'tok/s')}
            hint="output tokens per second"
          />
        </>
      )}
    </div>
  );
}
