/** The compression experiment as the CLI prints it: one row per model, then what each variant changed. */
import type { CompressionRow, CompressionView } from '../../shared/compress.js';
import { formatBytes, formatMs } from '../../shared/format.js';

interface Column {
  title: string;
  value(row: CompressionRow): string;
}

const num = (v: number | null, digits: number) => (v === null ? 'n/a' : v.toFixed(digits));
const sci = (v: number | null) => (v === null ? 'n/a' : v === 0 ? '0' : v.toExponential(1));

function columns(view: CompressionView, profiled: boolean): Column[] {
  const size: Column[] = [
    { title: 'file', value: (r) => formatBytes(r.fileBytes) },
    { title: 'gzip', value: (r) => formatBytes(r.gzipBytes) },
  ];
  const timing: Column[] = !profiled
    ? []
    : [
        { title: 'load', value: (r) => formatMs(r.loadMs) },
        { title: 'create', value: (r) => formatMs(r.createMs) },
        ...(view.llm
          ? [
              { title: 'TTFT', value: (r: CompressionRow) => formatMs(r.ttftMs) },
              { title: 'TPOT', value: (r: CompressionRow) => formatMs(r.tpotMs) },
              { title: 'tok/s', value: (r: CompressionRow) => num(r.outputTokensPerSec, 1) },
            ]
          : [
              { title: 'p50', value: (r: CompressionRow) => formatMs(r.latencyP50Ms) },
              { title: 'p90', value: (r: CompressionRow) => formatMs(r.latencyP90Ms) },
              { title: 'p99', value: (r: CompressionRow) => formatMs(r.latencyP99Ms) },
            ]),
        { title: 'peak RSS', value: (r) => formatBytes(r.peakRssBytes) },
      ];
  const llmFidelity = view.rows.some((r) => !r.baseline && r.top1Agreement !== null);
  const fidelity: Column[] = [
    { title: 'max |Δ|', value: (r) => sci(r.maxAbsDiff) },
    { title: 'cosine', value: (r) => num(r.cosine, 4) },
    ...(llmFidelity
      ? [
          {
            title: 'top-1',
            value: (r: CompressionRow) =>
              r.top1Agreement === null ? 'n/a' : `${(r.top1Agreement * 100).toFixed(0)} %`,
          },
        ]
      : []),
  ];
  return [...size, ...timing, ...fidelity];
}

export function formatCompression(view: CompressionView, dir: string): string {
  const { experiment } = view;
  const profiled = experiment.baselineSessionId !== null || view.rows.some((r) => r.sessionId !== null);
  const cols = columns(view, profiled);
  const labelWidth = Math.max(...view.rows.map((r) => r.label.length), 7) + 2;
  const widths = cols.map((c) => Math.max(c.title.length, ...view.rows.map((r) => c.value(r).length)) + 2);
  const out: string[] = [];
  out.push(`Compression · ${experiment.modelPath} · ${experiment.status}`);
  out.push('');
  out.push(`${'variant'.padEnd(labelWidth)}${cols.map((c, i) => c.title.padStart(widths[i]!)).join('')}`);
  for (const row of view.rows) {
    out.push(`${row.label.padEnd(labelWidth)}${cols.map((c, i) => c.value(row).padStart(widths[i]!)).join('')}`);
  }
  out.push('');
  out.push('What each variant changed');
  for (const variant of experiment.variants) {
    const build = variant.build;
    if (!build) {
      out.push(`  ${variant.label}: not made — ${variant.error?.message ?? 'no reason recorded'}`);
      continue;
    }
    const added = Object.entries(build.opsAdded)
      .map(([op, n]) => `${n} ${op}`)
      .join(', ');
    out.push(
      `  ${variant.label}: ${build.weightsChanged} weights ${formatBytes(build.weightBytesBefore)} → ${formatBytes(build.weightBytesAfter)}${added ? `; adds ${added}` : ''} · ${build.path}`,
    );
    for (const u of build.untouched) out.push(`    kept fp32: ${u.count} × ${u.reason} (${formatBytes(u.bytes)})`);
    for (const note of build.notes) out.push(`    note: ${note}`);
    if (variant.error) out.push(`    error: ${variant.error.kind}: ${variant.error.message}`);
  }
  if (experiment.baselineError)
    out.push(`  fp32 (original): ${experiment.baselineError.kind}: ${experiment.baselineError.message}`);
  if (view.findings.length > 0) {
    out.push('');
    out.push('Findings');
    for (const finding of view.findings) out.push(`  - ${finding}`);
  }
  if (view.recommendations.length + view.notRecommended.length > 0) {
    out.push('', 'What would help (measured here)');
    view.recommendations.forEach((r, i) =>
      out.push(
        `  ${i + 1}. ${r.title}  [${r.kind}, ${r.estimatedGainPct >= 0 ? '+' : ''}${r.estimatedGainPct.toFixed(0)} % ${r.metric}]`,
      ),
    );
    if (view.recommendations.length === 0) out.push('  none of the variants: see below');
    for (const r of view.notRecommended) out.push(`  not ${r.label}: ${r.reason}`);
  }
  if (!profiled) out.push('', 'Add --compare to profile the original and each variant side by side.');
  out.push('', `Experiment ${experiment.id} · ${dir}`);
  return `${out.join('\n')}\n`;
}
