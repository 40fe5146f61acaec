/**
 * The Compression section of a session report: the variants of the session's model,
 * profiled beside it, in the columns the CLI prints (`modeldyno compress --compare`),
 * each figure with its ratio to the original; bar charts of size, speed and fidelity;
 * what each variant changed in the model; and the recommendations those measurements
 * support. Everything from the experiment file — paths, notes, reasons, error messages —
 * is text from outside (the file can be edited by hand) and goes through `text`.
 */
import type { CompressionRow, CompressionView, VariantOutcome } from '../../shared/compress.js';
import { formatBytes, formatMs } from '../../shared/format.js';
import { metricText } from '../../shared/verdict.js';
import { MIN_COSINE, MIN_GAIN_PCT, MIN_TOP1_AGREEMENT } from '../compress/recommend.js';
import { labelChip } from './findings.js';
import { escapeHtml, section, table, text } from './html.js';
import { barsSvg, type Bar } from './svg.js';

const ORIGINAL_COLOUR = '#8c94a6';
const VARIANT_COLOUR = '#1f6fd1';
const DRIFT_COLOUR = '#d93f3f';

/** The section, or nothing when no experiment profiled this session as its original. */
export function compressionHtml(view: CompressionView | null): string {
  if (!view) return '';
  const body = [
    introHtml(view),
    sideBySideHtml(view),
    chartsHtml(view),
    findingsHtml(view.findings),
    changesHtml(view.experiment.variants),
    recommendationsHtml(view),
  ].join('\n');
  return section('compression', 'Compression', body);
}

function introHtml(view: CompressionView): string {
  const e = view.experiment;
  const seed = e.variants.find((v) => v.fidelity)?.fidelity?.seed;
  const lines = [
    `<p>Experiment <span class="mono">${text(e.id)}</span> · <span class="status status-${escapeHtml(e.status)}">${escapeHtml(e.status)}</span> · ${text(e.createdAt)} · <span class="mono">${text(e.modelPath, 400)}</span></p>`,
    `<p class="muted">${e.variants.length} variant${e.variants.length === 1 ? '' : 's'} of this session's model (the first row), each profiled with the same settings, one after the other, on this machine. Fidelity compares each variant's outputs with the original's on the same seeded inputs${seed === undefined ? '' : ` (seed ${seed})`}${view.llm ? '; for a decoder, the original generates greedily and the variant is fed the same tokens' : ''}.</p>`,
  ];
  if (e.status !== 'complete')
    lines.push(
      `<p class="caveats">The experiment is ${escapeHtml(e.status)}: a row without numbers was not measured.</p>`,
    );
  if (e.baselineError)
    lines.push(
      `<p class="caveats"><strong>fp32 (original)</strong>: ${escapeHtml(e.baselineError.kind)}: ${text(e.baselineError.message, 2000)}</p>`,
    );
  return lines.join('');
}

interface Column {
  title: string;
  value(row: CompressionRow): number | null;
  format(value: number): string;
  /** Ratios are shown as variant ÷ original; null for fidelity, which is its own comparison. */
  better: 'lower' | 'higher' | null;
}

const sci = (v: number) => (v === 0 ? '0' : v.toExponential(1));
const pct = (v: number) => `${(v * 100).toFixed(0)} %`;

function columns(view: CompressionView): Column[] {
  const speed: Column[] = view.llm
    ? [
        { title: 'TTFT', value: (r) => r.ttftMs, format: formatMs, better: 'lower' },
        { title: 'TPOT', value: (r) => r.tpotMs, format: formatMs, better: 'lower' },
        { title: 'tok/s', value: (r) => r.outputTokensPerSec, format: (v) => v.toFixed(1), better: 'higher' },
      ]
    : [
        { title: 'p50', value: (r) => r.latencyP50Ms, format: formatMs, better: 'lower' },
        { title: 'p90', value: (r) => r.latencyP90Ms, format: formatMs, better: 'lower' },
        { title: 'p99', value: (r) => r.latencyP99Ms, format: formatMs, better: 'lower' },
      ];
  return [
    { title: 'File', value: (r) => r.fileBytes, format: formatBytes, better: 'lower' },
    { title: 'gzip', value: (r) => r.gzipBytes, format: formatBytes, better: 'lower' },
    { title: 'Load', value: (r) => r.loadMs, format: formatMs, better: 'lower' },
    { title: 'Create', value: (r) => r.createMs, format: formatMs, better: 'lower' },
    ...speed,
    { title: 'Peak RSS', value: (r) => r.peakRssBytes, format: formatBytes, better: 'lower' },
  ];
}

function fidelityColumns(view: CompressionView): Column[] {
  const top1 = view.rows.some((r) => !r.baseline && r.top1Agreement !== null);
  return [
    { title: 'max |Δ|', value: (r) => r.maxAbsDiff, format: sci, better: null },
    { title: 'Cosine', value: (r) => r.cosine, format: (v) => v.toFixed(4), better: null },
    ...(top1 ? [{ title: 'Top-1', value: (r: CompressionRow) => r.top1Agreement, format: pct, better: null }] : []),
  ];
}

/** "0.26×" under a figure, green when better than the original by the noise margin or more, red when worse. */
function ratioHtml(column: Column, base: number | null, value: number): string {
  if (column.better === null || base === null || base <= 0 || value <= 0) return '';
  const ratio = value / base;
  const gain = column.better === 'lower' ? 1 - ratio : ratio - 1;
  const cls = gain * 100 >= MIN_GAIN_PCT ? 'better' : gain * 100 <= -MIN_GAIN_PCT ? 'worse' : 'muted';
  return `<br><span class="${cls}">${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×</span>`;
}

/** A fidelity figure below the bar the recommendations hold variants to, in red. */
function driftHtml(title: string, value: number, formatted: string): string {
  const drifts = (title === 'Cosine' && value < MIN_COSINE) || (title === 'Top-1' && value < MIN_TOP1_AGREEMENT);
  return drifts ? `<span class="worse">${formatted}</span>` : formatted;
}

/**
 * The CLI's one table as two: with the fidelity columns beside them, twelve columns of
 * nowrap figures are 910 px wide, and an A4 page prints 700 px (the PDF would cut them off).
 */
function sideBySideHtml(view: CompressionView): string {
  const base = view.rows.find((r) => r.baseline) ?? null;
  const cell = (row: CompressionRow, col: Column) => {
    const value = col.value(row);
    if (value === null) return '<span class="muted">n/a</span>';
    const shown = driftHtml(col.title, value, escapeHtml(col.format(value)));
    return row.baseline ? shown : `${shown}${ratioHtml(col, base ? col.value(base) : null, value)}`;
  };
  const name = (row: CompressionRow) => (row.baseline ? `<strong>${text(row.label)}</strong>` : text(row.label));
  const measured = columns(view);
  const fidelity = fidelityColumns(view);
  const numeric = (n: number) => new Set(Array.from({ length: n }, (_, i) => i + 1));
  const fidelityRows = view.rows.map((row, i) => [
    name(row),
    ...fidelity.map((col) => cell(row, col)),
    comparedOn(row.baseline ? null : (view.experiment.variants[i - 1] ?? null)),
  ]);
  return [
    table(
      ['Variant', ...measured.map((c) => c.title)],
      view.rows.map((row) => [name(row), ...measured.map((col) => cell(row, col))]),
      numeric(measured.length),
    ),
    `<p class="muted">Under each figure: the variant's value ÷ the original's, green where it is better by ${MIN_GAIN_PCT} % or more, red where it is worse. ${view.llm ? 'TTFT and TPOT are means over the generation requests; tok/s is the decode rate.' : 'Latencies are percentiles of the measured runs.'}</p>`,
    table(['Fidelity', ...fidelity.map((c) => c.title), 'Compared on'], fidelityRows, numeric(fidelity.length)),
    `<p class="muted">Cosine below ${MIN_COSINE}${view.llm ? ` or top-1 agreement below ${pct(MIN_TOP1_AGREEMENT)}` : ''} is in red: such a variant is not recommended.</p>`,
  ].join('');
}

/** What the fidelity numbers were measured on: the outputs, or a decoder's greedy steps. */
function comparedOn(variant: VariantOutcome | null): string {
  if (!variant) return '<span class="muted">the reference</span>';
  const f = variant.fidelity;
  if (!f) return '<span class="muted">not compared</span>';
  if (f.llm)
    return `${f.llm.steps} greedy steps after a ${f.llm.promptTokens}-token prompt (seed ${f.seed}); worst step's logits cosine ${f.llm.minLogitsCosine.toFixed(4)}`;
  const values = f.outputs.reduce((sum, o) => sum + o.elements, 0);
  return `${f.outputs.length} output${f.outputs.length === 1 ? '' : 's'}, ${values.toLocaleString('en')} values (seed ${f.seed})`;
}

function driftsOf(row: CompressionRow): boolean {
  return (
    (row.cosine !== null && row.cosine < MIN_COSINE) ||
    (row.top1Agreement !== null && row.top1Agreement < MIN_TOP1_AGREEMENT)
  );
}

/** One bar per row that has the figure; the original grey, variants blue, drifting ones red. */
function bars(
  view: CompressionView,
  value: (r: CompressionRow) => number | null,
  show: (v: number, r: CompressionRow) => string,
): Bar[] {
  return view.rows.flatMap((row) => {
    const v = value(row);
    if (v === null) return [];
    const colour = row.baseline ? ORIGINAL_COLOUR : driftsOf(row) ? DRIFT_COLOUR : VARIANT_COLOUR;
    return [{ label: row.label, value: v, valueText: show(v, row), colour }];
  });
}

function chart(title: string, caption: string, list: Bar[]): string {
  if (list.length === 0) return '';
  return `<h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(caption)}</p>${barsSvg(list, 220)}`;
}

function chartsHtml(view: CompressionView): string {
  const size = chart(
    'File size',
    'Bytes on disk (gzip in brackets: what a download carries). Shorter is smaller.',
    bars(
      view,
      (r) => r.fileBytes,
      (v, r) => `${formatBytes(v)}${r.gzipBytes === null ? '' : ` (gzip ${formatBytes(r.gzipBytes)})`}`,
    ),
  );
  const speed = view.llm
    ? chart(
        'Decode speed',
        'Output tokens per second over the generation requests. Longer is faster.',
        bars(
          view,
          (r) => r.outputTokensPerSec,
          (v) => `${v.toFixed(1)} tokens/s`,
        ),
      )
    : chart(
        'Latency p50',
        'Median latency of the measured runs. Shorter is faster.',
        bars(
          view,
          (r) => r.latencyP50Ms,
          (v) => formatMs(v),
        ),
      );
  const top1 = view.rows.some((r) => !r.baseline && r.top1Agreement !== null);
  const fidelity = top1
    ? chart(
        'Top-1 agreement',
        "Share of generated steps where the variant's next token is the original's. Longer is closer to the original.",
        bars(
          view,
          (r) => r.top1Agreement,
          (v) => pct(v),
        ),
      )
    : chart(
        'Output drift (1 − cosine)',
        "How far each variant's outputs turn from the original's; the original is 0. Shorter is closer to the original.",
        bars(
          view,
          (r) => (r.cosine === null ? null : Math.max(0, 1 - r.cosine)),
          (v) => `${sci(v)} (cosine ${(1 - v).toFixed(4)})`,
        ),
      );
  return [size, speed, fidelity].join('');
}

function findingsHtml(findings: string[]): string {
  if (findings.length === 0) return '';
  return `<h3>Findings</h3><ul class="evidence">${findings.map((f) => `<li>${text(f, 600)}</li>`).join('')}</ul>`;
}

function opsText(ops: Record<string, number>, sign: string): string[] {
  return Object.entries(ops).map(([op, n]) => `${sign}${n} ${text(op, 60)}`);
}

function changesHtml(variants: VariantOutcome[]): string {
  const rows = variants.map((v) => {
    const b = v.build;
    const error = v.error
      ? `<p><span class="worse">${escapeHtml(v.error.kind)}</span>: ${text(v.error.message, 600)}</p>`
      : '';
    if (!b) return [text(v.label), '<span class="muted">not made</span>', '', error];
    // The last column takes what wraps: the long, unbroken path, the reasons and the notes.
    const kept = b.untouched.map((u) => `Kept: ${u.count} × ${text(u.reason, 200)} (${formatBytes(u.bytes)})`);
    const notes = b.notes.length
      ? `<ul class="evidence">${b.notes.map((n) => `<li>${text(n, 600)}</li>`).join('')}</ul>`
      : '';
    return [
      text(v.label),
      `${b.weightsChanged} weight${b.weightsChanged === 1 ? '' : 's'}<br>${formatBytes(b.weightBytesBefore)} → ${formatBytes(b.weightBytesAfter)}<br><span class="muted">built in ${formatMs(b.buildMs)}</span>`,
      [...opsText(b.opsAdded, '+'), ...opsText(b.opsRemoved, '−')].join('<br>') || '<span class="muted">none</span>',
      [`<span class="mono muted">${text(b.path, 300)}</span>`, ...kept].join('<br>') + notes + error,
    ];
  });
  const headers = ['Variant', 'Weights rewritten', 'Ops', 'File, weights kept as they were, notes'];
  return `<h3>What each variant changed</h3>${table(headers, rows, new Set(), new Set([0, 1, 2]))}`;
}

function recommendationsHtml(view: CompressionView): string {
  const { recommendations: recommended, notRecommended: rejected } = view;
  const rows = recommended.map((r) => [
    text(r.title, 300),
    labelChip(r.label),
    `+${r.estimatedGainPct.toFixed(0)} % ${escapeHtml(metricText(r.metric))}`,
    `<span class="muted">${text(r.assumption, 800)}</span>`,
  ]);
  const list = recommended.length
    ? table(['Change', 'Addresses', 'Measured gain', 'How it was measured'], rows, new Set([2]), new Set([1]))
    : '<p class="muted">None: no variant was measurably faster or leaner here while keeping its outputs close to the original.</p>';
  const not = rejected.length
    ? `<p class="muted">Not recommended:</p><ul class="evidence">${rejected.map((r) => `<li>${text(r.label)}: ${text(r.reason, 600)}</li>`).join('')}</ul>`
    : '';
  return `<h3>Measured recommendations</h3>${list}${not}`;
}
