/** Human-readable output of the CLI: numbers with units, aligned labels, no colour codes. */
import { formatBytes, formatCount, formatMs } from '../../shared/format.js';
import type { ProfileResult } from '../../shared/session.js';

export { formatBytes, formatCount, formatMs };

const pct = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} %`);
const line = (label: string, text: string) => `${label.padEnd(11)}${text}`;

function formatThroughput(r: ProfileResult): string {
  if (r.throughputPerSec === null) return 'n/a';
  const perSec = `${r.throughputPerSec.toFixed(r.throughputPerSec < 10 ? 2 : 1)} inferences/s`;
  const batch = r.dims.find((d) => /batch/i.test(d.name))?.value ?? 1;
  if (batch <= 1) return perSec;
  return `${perSec} · ${formatCount(Math.round(r.throughputPerSec * batch))} items/s at batch ${batch}`;
}

/** `includeError: false` when the caller prints the error on stderr itself. */
export function formatSummary(r: ProfileResult, sessionDir: string, includeError = true): string {
  const out: string[] = [];
  const name = r.model.path.split(/[\\/]/).pop() ?? r.model.path;
  if (r.runs.length === 0 && r.error) {
    // Nothing ran: a page of n/a would bury the one line that matters.
    out.push(line('Session', `${r.sessionId} (${r.status}, ${name}) · ${sessionDir}`));
    if (includeError) out.push(line('Error', `${r.error.kind}: ${r.error.message}`));
    return out.join('\n');
  }
  out.push(
    `ModelDyno · ${name} · ${formatBytes(r.model.sizeBytes)} · ${formatCount(r.model.parameterCount)} parameters · ${r.model.nodeCount} nodes`,
  );
  const m = r.machine;
  out.push(
    line(
      'Machine',
      `${m.cpuModel} · ${m.physicalCores} cores / ${m.logicalCores} threads · ${formatBytes(m.memTotalBytes)} RAM · ${m.os}${m.gpus.length ? ` · ${m.gpus.map((g) => g.name).join(', ')}` : ''}`,
    ),
  );
  const s = r.settings;
  const runs =
    r.sweep.length > 0
      ? `generation P=${s.promptTokens.join(',')} N=${s.outputTokens.join(',')} B=${s.batch.join(',')} × ${s.repetitions}`
      : s.durationS === null
        ? `${s.runs} runs`
        : `runs for ${s.durationS} s`;
  const dims = r.dims.map((d) => `${d.name}=${d.value}${d.source === 'user' ? '' : ` (${d.source})`}`).join(', ');
  out.push(
    line(
      'Settings',
      `${runs} after ${s.warmup} warm-up · threads ${s.intraOpThreads || 'auto'} · graph opt ${s.graphOptimization} · ${s.executionProvider}${s.cold ? ' · cold load' : ''}${dims ? ` · ${dims}` : ''}`,
    ),
  );
  const readMBps = r.loadMs ? r.model.sizeBytes / 1e6 / (r.loadMs / 1000) : null;
  const fromDisk =
    r.disk.loadReadBytes === null
      ? ''
      : `, ${formatBytes(r.disk.loadReadBytes)} from disk${r.disk.loadReadBytes < r.model.sizeBytes / 2 ? ': page cache' : ''}`;
  const spawn = r.phases.find((p) => p.name === 'spawn');
  out.push(
    line(
      'Load',
      `${spawn ? `worker start ${formatMs(spawn.durationMs)} · ` : ''}read ${formatMs(r.loadMs)}${readMBps ? ` (${readMBps.toFixed(0)} MB/s${fromDisk})` : ''} · create session ${formatMs(r.createMs)} · first run ${formatMs(r.firstRunMs)}`,
    ),
  );
  const l = r.latencyMs;
  const measured = r.runs.filter((run) => !run.warmup).length;
  out.push(
    line(
      'Latency',
      l
        ? `mean ${formatMs(l.mean)} · p50 ${formatMs(l.p50)} · p90 ${formatMs(l.p90)} · p99 ${formatMs(l.p99)} · min ${formatMs(l.min)} · max ${formatMs(l.max)} (${measured} runs)`
        : 'n/a (no measured run)',
    ),
  );
  out.push(line('Throughput', formatThroughput(r)));
  out.push(line('Memory', `peak RSS ${formatBytes(r.peakRssBytes)} of ${formatBytes(m.memTotalBytes)}`));
  const cores = r.cpu.perCoreAvgPct.map((v, i) => `cpu${i} ${v.toFixed(0)}`).join(' ');
  out.push(
    line(
      'CPU',
      `machine ${pct(r.cpu.avgUtilPct)}${cores ? ` (${cores})` : ''} · worker ${pct(r.cpu.workerAvgPct)} (100 % = one core)`,
    ),
  );
  if (r.ops.length > 0) {
    out.push(line('Top ops', ''));
    const width = Math.min(48, Math.max(...r.ops.slice(0, 5).map((o) => o.name.length)));
    for (const op of r.ops.slice(0, 5)) {
      out.push(
        `  ${op.name.slice(0, width).padEnd(width)}  ${op.opType.padEnd(18)} ${op.provider.replace('ExecutionProvider', '').padEnd(5)} ${formatMs(op.meanMs).padStart(9)}/run ${op.pct.toFixed(1).padStart(5)} %`,
      );
    }
  }
  const sm = r.sampler;
  out.push(
    line(
      'Sampler',
      `${sm.source} · ${sm.hzRequested} Hz requested, ${sm.hzAchieved.toFixed(1)} achieved · ${sm.samples} samples, ${sm.missed} missed · ${sm.cpuPct === null ? 'cost n/a' : `${sm.cpuPct.toFixed(2)} % of a core`}${sm.gpu ? ' · GPU' : ''}`,
    ),
  );
  out.push(...formatLlm(r));
  if (r.threadSweep.length > 0) {
    const points = r.threadSweep.map((p) => `${p.threads}: ${formatMs(p.p50Ms)}`).join(' · ');
    const fit = r.amdahl
      ? ` — Amdahl: ${(r.amdahl.serialFraction * 100).toFixed(0)} % serial, fit error ${r.amdahl.rmsErrorPct.toFixed(1)} %`
      : '';
    out.push(line('Threads', `p50 by intra-op threads ${points}${fit}`));
  }
  out.push(...formatAnalysis(r));
  out.push(line('Session', `${r.sessionId} (${r.status}) · ${sessionDir}`));
  for (const note of r.notes ?? []) out.push(line('Note', note));
  if (r.error && includeError) out.push(line('Error', `${r.error.kind}: ${r.error.message}`));
  return out.join('\n');
}

const LABEL_NAMES: Record<string, string> = {
  compute: 'compute',
  'memory-bandwidth': 'memory bandwidth',
  'memory-capacity': 'memory capacity',
  storage: 'storage',
  communication: 'communication',
  underutilised: 'underutilised cores',
};

/** "What holds it back" (phase verdicts with their evidence) and "What would help". */
export function formatAnalysis(r: ProfileResult): string[] {
  const out: string[] = [];
  const phases = (r.bottlenecks ?? []).filter((b) => !b.phase.startsWith('op:'));
  if (phases.length > 0) {
    out.push('What holds it back');
    for (const b of phases) {
      const head = `  ${b.phase.padEnd(7)} ${LABEL_NAMES[b.label] ?? b.label} (${(b.confidence * 100).toFixed(0)} %)`;
      out.push(`${head.padEnd(38)} ${b.evidence[0] ?? ''}`);
      for (const more of b.evidence.slice(1)) out.push(`${''.padEnd(39)}${more}`);
    }
  }
  if (r.machineProfile === null)
    out.push('  (no machine profile: run `modeldyno calibrate` for roofline placement and projections)');
  const recommendations = r.recommendations ?? [];
  if (recommendations.length > 0) {
    out.push('What would help');
    recommendations.slice(0, 5).forEach((rec, i) => {
      // Gains on rates (items/s) are increases; on times and memory, reductions.
      const sign = rec.metric.endsWith('PerSec') ? '+' : '−';
      out.push(`  ${i + 1}. ${rec.title}  [${rec.kind}, ${sign}${rec.estimatedGainPct.toFixed(0)} % ${rec.metric}]`);
    });
  }
  return out;
}

/** Generation metrics: one line per combination of prompt, output and batch. */
export function formatLlm(r: ProfileResult): string[] {
  if (r.sweep.length === 0) return [];
  const out = [
    line(
      'Generation',
      r.sweep[0]!.kvCache
        ? 'greedy, KV cache fed back'
        : 'greedy, NO KV cache: every step recomputes the whole sequence',
    ),
  ];
  for (const row of r.sweep) {
    const itl = row.itlMs ? ` · ITL p50 ${formatMs(row.itlMs.p50)} p99 ${formatMs(row.itlMs.p99)}` : '';
    const tpot = row.tpotMs ? ` · TPOT ${formatMs(row.tpotMs.mean)}` : '';
    out.push(
      `  P=${row.promptTokens} N=${row.outputTokens} B=${row.batch}: TTFT ${formatMs(row.ttftMs.mean)} (p90 ${formatMs(row.ttftMs.p90)})${tpot}${itl} · e2e ${formatMs(row.e2eMs.mean)} · ${row.outputTokensPerSec.toFixed(1)} tok/s out, ${row.prefillTokensPerSec.toFixed(0)} tok/s prefill · KV ${formatBytes(row.kvCacheBytesPerToken)}/token, ${formatBytes(row.kvCacheBytesAtEnd)} at end (${row.requests} requests)`,
    );
  }
  return out;
}
