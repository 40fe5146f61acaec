/**
 * The analysis part of a report: the one-sentence verdict, the bottlenecks with their
 * evidence, the recommendations with their estimated gains, and the what-if table, in
 * the same words as the app's Bottlenecks screen (electron/shared/verdict.ts).
 */
import type { WhatIfReport } from '../../shared/api.js';
import type { Bottleneck, Recommendation } from '../../shared/analysis.js';
import { dominant, HOLDS_BACK, metricText, ordered } from '../../shared/verdict.js';
import { formatBytes, formatMs } from '../../shared/format.js';
import type { ProfileResult } from '../../shared/session.js';
import { colourOfLabel } from './colours.js';
import { escapeHtml, section, table, text } from './html.js';
import { barsSvg } from './svg.js';

export function labelChip(label: string): string {
  return `<span class="chip" style="background:${colourOfLabel(label)}">${escapeHtml(label)}</span>`;
}

export function headlineHtml(result: ProfileResult): string {
  const main = dominant(result.bottlenecks ?? []);
  let body: string;
  if (main) {
    const what = main.phase === 'runs' ? 'The measured runs are' : `The ${escapeHtml(main.phase)} phase is`;
    const evidence = main.evidence[0] ? `<p class="muted">${text(main.evidence[0], 400)}</p>` : '';
    body = `<p>${labelChip(main.label)} <strong>${what} held back by ${escapeHtml(HOLDS_BACK[main.label])}.</strong></p>${evidence}`;
  } else if (result.bottlenecks === undefined) {
    body = '<p class="muted">No analysis is stored with this session.</p>';
  } else {
    body = `<p class="muted">No verdict on the measured runs: ${
      result.status === 'complete'
        ? 'the analysis found no clear evidence either way.'
        : `the session is ${escapeHtml(result.status)} and has too little to judge.`
    }</p>`;
  }
  const best = [...(result.recommendations ?? [])].sort((a, b) => b.estimatedGainPct - a.estimatedGainPct)[0];
  const next = best ? `<p>Most promising change: ${text(best.title, 300)} (${gainText(best)}).</p>` : '';
  const calibrated = result.machineProfile
    ? ''
    : '<p class="muted">This machine was not calibrated for the session: verdicts rely on utilisation alone and no gain is estimated.</p>';
  const colour = main ? colourOfLabel(main.label) : '#8c94a6';
  return section(
    'headline',
    'What holds it back',
    `<div class="headline" style="border-left-color:${colour}">${body}${next}${calibrated}</div>`,
  );
}

function gainText(r: Recommendation): string {
  return `${r.estimatedGainPct >= 0 ? '+' : ''}${r.estimatedGainPct.toFixed(0)} % ${escapeHtml(metricText(r.metric))}`;
}

function bottleneckRows(list: Bottleneck[]): string[][] {
  return list.map((b) => [
    text(b.phase, 120),
    labelChip(b.label),
    `${(b.confidence * 100).toFixed(0)} %`,
    b.evidence.length > 0
      ? `<ul class="evidence">${b.evidence.map((e) => `<li>${text(e, 600)}</li>`).join('')}</ul>`
      : '<span class="muted">none stated</span>',
  ]);
}

export function bottlenecksHtml(result: ProfileResult): string {
  const all = result.bottlenecks ?? [];
  const { phases, ops } = ordered(all);
  const headers = ['Phase', 'Bottleneck', 'Confidence', 'Evidence'];
  const body =
    all.length === 0
      ? '<p class="muted">No bottleneck verdicts are stored with this session.</p>'
      : `<h3>By phase</h3>${table(headers, bottleneckRows(phases), new Set([2]), new Set([0, 1]))}${
          ops.length > 0
            ? `<h3>Op groups</h3>${table(['Op group', ...headers.slice(1)], bottleneckRows(ops), new Set([2]), new Set([0, 1]))}`
            : ''
        }`;
  return section('bottlenecks', 'Bottlenecks and evidence', body);
}

export function recommendationsHtml(result: ProfileResult): string {
  const list = [...(result.recommendations ?? [])].sort((a, b) => b.estimatedGainPct - a.estimatedGainPct);
  const rows = list.map((r) => [
    text(r.title, 300),
    labelChip(r.label),
    escapeHtml(r.kind),
    gainText(r),
    text(r.assumption, 800),
  ]);
  const bars = barsSvg(
    list.map((r) => ({
      label: r.title,
      value: Math.max(0, r.estimatedGainPct),
      valueText: gainText(r),
      colour: colourOfLabel(r.label),
    })),
  );
  const body =
    list.length === 0
      ? '<p class="muted">No recommendation: nothing the what-if model can estimate would help this session.</p>'
      : `${bars}${table(['Change', 'Addresses', 'Kind', 'Estimated gain', 'Assumption'], rows, new Set([3]), new Set([1, 2]))}`;
  return section('recommendations', 'Recommendations', body);
}

export function whatIfHtml(report: WhatIfReport | null): string {
  if (!report)
    return section(
      'what-if',
      'What if',
      '<p class="muted">n/a: projections need a calibrated machine profile stored with the session and at least one measured run.</p>',
    );
  const base = report.baseline;
  const rows: string[][] = [
    [
      '<strong>This session (measured)</strong>',
      formatMs(base.loadMs),
      formatMs(base.createMs),
      formatMs(base.latencyP50Ms),
      perSec(base.throughputPerSec),
      formatBytes(base.peakRssBytes),
      '',
      '',
    ],
    ...report.projections.map((p) => [
      text(p.targetName, 120),
      formatMs(p.loadMs),
      formatMs(p.createMs),
      formatMs(p.latencyP50Ms),
      perSec(p.throughputPerSec),
      formatBytes(p.peakMemoryBytes),
      p.fitsInMemory === null ? 'n/a' : p.fitsInMemory ? 'yes' : '<span class="worse">no</span>',
      p.assumptions.map((a) => text(a, 400)).join('<br>'),
    ]),
  ];
  const headers = ['Target', 'Load', 'Create', 'Latency p50', 'Throughput', 'Peak memory', 'Fits', 'Assumptions'];
  const measured =
    base.latencyP50Ms === null
      ? []
      : [{ label: 'this session (measured)', value: base.latencyP50Ms, colour: '#8c94a6' }];
  const projected = report.projections.flatMap((p) =>
    p.latencyP50Ms === null ? [] : [{ label: p.targetName, value: p.latencyP50Ms, colour: '#1f6fd1' }],
  );
  const bars = barsSvg([...measured, ...projected].map((b) => ({ ...b, valueText: formatMs(b.value) })));
  return section(
    'what-if',
    'What if',
    `<p class="muted">Projected latency p50 on each target (lower is better; measured here: ${formatMs(base.latencyP50Ms)}).</p>${bars}${table(headers, rows, new Set([1, 2, 3, 4, 5]), new Set([6]))}`,
  );
}

export function perSec(value: number | null): string {
  return value === null ? 'n/a' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} /s`;
}
