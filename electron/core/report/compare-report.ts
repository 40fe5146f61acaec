/**
 * The HTML compare report: two sessions, B against A, with the caveats that make the
 * comparison less meaningful first, then every metric with its delta and which side
 * wins, and kernel time by op type. Same page, same escaping, same embedded data as the
 * session report.
 */
import { basename } from 'node:path';
import type { Comparison, ComparisonRow } from '../../shared/api.js';
import { formatBytes, formatMs, formatPct } from '../../shared/format.js';
import type { ProfileResult } from '../../shared/session.js';
import { perSec } from './findings.js';
import { escapeHtml, facts, page, section, table, text } from './html.js';
import { footerHtml } from './session-report.js';
import { barPairsSvg, barsSvg } from './svg.js';

const COLOURS = { a: '#8c94a6', b: '#1f6fd1' };

export function renderComparisonReport(comparison: Comparison, a: ProfileResult, b: ProfileResult): string {
  const generatedAt = new Date().toISOString();
  const body = [
    `<h1>ModelDyno comparison: ${text(comparison.b.modelName)} against ${text(comparison.a.modelName)}</h1>`,
    `<p class="subtitle">A <span class="mono">${text(comparison.a.sessionId)}</span> · B <span class="mono">${text(comparison.b.sessionId)}</span></p>`,
    section(
      'sessions',
      'Sessions',
      `<div class="columns"><div>${sideHtml('A', a)}</div><div>${sideHtml('B', b)}</div></div>`,
    ),
    section('caveats', 'Caveats', caveatsHtml(comparison.caveats)),
    section('metrics', 'Metrics', metricsHtml(comparison.rows)),
    section('ops', 'Kernel time by op type', opTypesHtml(a, b)),
  ].join('\n');
  return page({
    title: `ModelDyno comparison: ${comparison.a.sessionId} vs ${comparison.b.sessionId}`,
    body,
    data: { comparison, a, b, generatedAt },
    footer: footerHtml(generatedAt),
  });
}

function sideHtml(side: 'A' | 'B', r: ProfileResult): string {
  return `<h3>${side}</h3>${facts([
    ['Session', `<span class="mono">${text(r.sessionId)}</span>`],
    ['Status', escapeHtml(r.status)],
    ['Started', text(r.startedAt)],
    ['Model', `<span class="mono">${text(basename(r.model.path))}</span>`],
    ['Machine', `${text(r.machine.cpuModel)} (${text(r.machine.hostname)})`],
    ['Threads', `intra-op ${r.settings.intraOpThreads || 'auto'}, ${escapeHtml(r.settings.executionProvider)}`],
  ])}`;
}

function caveatsHtml(caveats: string[]): string {
  if (caveats.length === 0)
    return '<p class="muted">None: same machine, model file, settings and input dimensions.</p>';
  return `<div class="caveats"><ul>${caveats.map((c) => `<li>${text(c, 1000)}</li>`).join('')}</ul></div>`;
}

export function formatMetric(value: number | null, unit: ComparisonRow['unit']): string {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'perSec':
      return perSec(value);
    case 'bytes':
      return formatBytes(value);
    case 'pct':
      return formatPct(value);
    case 'tokensPerSec':
      return `${value.toFixed(1)} tok/s`;
  }
}

function deltaText(row: ComparisonRow): string {
  if (row.deltaPct === null) return 'n/a';
  const text = `${row.deltaPct >= 0 ? '+' : ''}${row.deltaPct.toFixed(1)} %`;
  if (row.better === 'b') return `<span class="better">${text}</span>`;
  if (row.better === 'a') return `<span class="worse">${text}</span>`;
  return text;
}

function verdictText(row: ComparisonRow): string {
  if (row.better === 'b') return '<span class="better">B better</span>';
  if (row.better === 'a') return '<span class="worse">B worse</span>';
  return row.deltaPct === null ? '<span class="muted">n/a</span>' : '<span class="muted">tie or neither</span>';
}

function metricsHtml(rows: ComparisonRow[]): string {
  if (rows.length === 0) return '<p class="muted">Neither session has a figure to compare.</p>';
  const cells = rows.map((row) => [
    escapeHtml(row.label),
    formatMetric(row.a, row.unit),
    formatMetric(row.b, row.unit),
    deltaText(row),
    verdictText(row),
  ]);
  const pairs = barPairsSvg(
    rows.map((row) => ({
      label: row.label,
      a: row.a,
      b: row.b,
      aText: formatMetric(row.a, row.unit),
      bText: formatMetric(row.b, row.unit),
    })),
    COLOURS,
  );
  const legend = `<div class="legend"><span><i style="background:${COLOURS.a}"></i>A</span><span><i style="background:${COLOURS.b}"></i>B</span></div>`;
  return `<p class="muted">Delta is (B − A) / A. Differences under 1 % count as a tie: run-to-run noise is larger.</p>${table(['Metric', 'A', 'B', 'Delta', 'Verdict'], cells, new Set([1, 2, 3]), new Set([0, 4]))}<h3>Side by side</h3>${legend}${pairs}`;
}

/** Kernel time per measured run by op type: the sum over a type's nodes of their total, over the run count. */
export function msPerRunByOpType(r: ProfileResult): Map<string, number> {
  const runs = Math.max(1, r.runs.filter((x) => !x.warmup).length);
  const out = new Map<string, number>();
  for (const op of r.ops) out.set(op.opType, (out.get(op.opType) ?? 0) + op.totalMs / runs);
  return out;
}

function opTypesHtml(a: ProfileResult, b: ProfileResult): string {
  const msA = msPerRunByOpType(a);
  const msB = msPerRunByOpType(b);
  const types = [...new Set([...msA.keys(), ...msB.keys()])].sort(
    (x, y) => Math.max(msB.get(y) ?? 0, msA.get(y) ?? 0) - Math.max(msB.get(x) ?? 0, msA.get(x) ?? 0),
  );
  if (types.length === 0) return '<p class="muted">n/a: neither session recorded op events.</p>';
  const rows = types.map((type) => {
    const va = msA.get(type) ?? null;
    const vb = msB.get(type) ?? null;
    const delta = va !== null && vb !== null && va > 0 ? ((vb - va) / va) * 100 : null;
    const cls = delta === null || Math.abs(delta) < 1 ? '' : delta < 0 ? 'better' : 'worse';
    return [
      text(type, 80),
      formatMs(va),
      formatMs(vb),
      delta === null ? 'n/a' : `<span class="${cls}">${delta >= 0 ? '+' : ''}${delta.toFixed(1)} %</span>`,
    ];
  });
  const changes = types
    .map((type) => ({ type, diff: (msB.get(type) ?? 0) - (msA.get(type) ?? 0) }))
    .filter((c) => c.diff !== 0)
    .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff))
    .slice(0, 12);
  const bars = barsSvg(
    changes.map((c) => ({
      label: c.type,
      value: Math.abs(c.diff),
      valueText: `${c.diff > 0 ? '+' : '−'}${formatMs(Math.abs(c.diff))} per run in B`,
      colour: c.diff > 0 ? '#d93f3f' : '#1f9d63',
    })),
  );
  return `<p class="muted">Kernel time per measured run, summed over the nodes of each op type. Bars: the largest changes (red: B slower, green: B faster).</p>${bars}${table(['Op type', 'A per run', 'B per run', 'Delta'], rows, new Set([1, 2, 3]))}`;
}
