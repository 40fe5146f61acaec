/**
 * Charts as inline SVG: a report needs no script to draw them and prints as vectors.
 * Every label that came from a session goes through `escapeHtml` (SVG inside HTML is
 * parsed by the same tokenizer).
 */
import type { SeriesUnit } from '../../shared/sample.js';
import { formatBytes, formatMs } from '../../shared/format.js';
import { escapeHtml, shorten } from './html.js';

/** A label that must fit a chart's label column: a plain ellipsis, the full text in <title>. */
const clip = (label: string, max: number) => (label.length <= max ? label : `${label.slice(0, max - 1)}…`);

export const CHART_WIDTH = 1060;
const AXIS_LEFT = 78;
const AXIS_RIGHT = 12;

/** A time axis shared by every lane of a timeline. */
export interface TimeScale {
  fromMs: number;
  toMs: number;
}

export const xOf = (scale: TimeScale, tMs: number): number =>
  AXIS_LEFT +
  ((tMs - scale.fromMs) / Math.max(1e-9, scale.toMs - scale.fromMs)) * (CHART_WIDTH - AXIS_LEFT - AXIS_RIGHT);

const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

/** About `count` round numbers covering [0, max]. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max * 1.0001 + step * 0.999; v += step) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

export function formatValue(value: number, unit: SeriesUnit): string {
  switch (unit) {
    case 'pct':
      return `${Math.round(value)} %`;
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerSec':
      return `${formatBytes(value)}/s`;
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
  }
}

/** A band behind the lines: a phase or a bottleneck segment. */
export interface Band {
  startMs: number;
  endMs: number;
  colour: string;
  label: string;
}

export interface Line {
  label: string;
  colour: string;
  tMs: readonly number[];
  values: readonly number[];
}

/** One lane of the timeline: bands behind, a y axis from 0, the lines in front. */
export function laneSvg(options: {
  scale: TimeScale;
  unit: SeriesUnit;
  lines: Line[];
  bands: Band[];
  heightPx?: number;
  /** The y axis reaches at least this, e.g. 100 for a percentage. */
  minMax?: number;
}): string {
  const height = options.heightPx ?? 120;
  const top = 6;
  const bottom = height - 20;
  const peak = Math.max(options.minMax ?? 0, ...options.lines.flatMap((l) => l.values.filter(Number.isFinite)));
  const ticks = niceTicks(peak);
  const yMax = ticks[ticks.length - 1]! || 1;
  const yOf = (v: number) => bottom - (Math.max(0, v) / yMax) * (bottom - top);
  const parts: string[] = [];
  for (const band of options.bands) parts.push(bandRect(options.scale, band, top, bottom - top, 0.14));
  for (const tick of ticks) {
    const y = fixed(yOf(tick));
    parts.push(`<line x1="${AXIS_LEFT}" x2="${CHART_WIDTH - AXIS_RIGHT}" y1="${y}" y2="${y}" stroke="#e3e6ec"/>`);
    parts.push(
      `<text x="${AXIS_LEFT - 6}" y="${y}" text-anchor="end" dy="4">${formatValue(tick, options.unit)}</text>`,
    );
  }
  for (const line of options.lines) {
    const points = line.tMs.map((t, i) => `${fixed(xOf(options.scale, t))},${fixed(yOf(line.values[i]!))}`).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${line.colour}" stroke-width="1.4" stroke-linejoin="round" points="${points}"><title>${escapeHtml(shorten(line.label))}</title></polyline>`,
    );
  }
  parts.push(timeAxis(options.scale, bottom));
  return svg(height, parts.join(''));
}

/** A strip of labelled spans: the phases, or the bottleneck segments. */
export function stripSvg(scale: TimeScale, bands: Band[], heightPx = 22): string {
  // A label goes on a band wide enough for it, and never over the previous label.
  let labelEnd = -Infinity;
  const parts = bands.map((band) => {
    const x = xOf(scale, band.startMs);
    const w = xOf(scale, band.endMs) - x;
    const needed = 7 * Math.min(band.label.length, 40) + 8;
    const fits = w > needed && x >= labelEnd;
    if (fits) labelEnd = x + needed;
    const label = fits
      ? `<text x="${fixed(x + 4)}" y="15" style="fill:#1b1e25">${escapeHtml(clip(band.label, 40))}</text>`
      : '';
    return `${bandRect(scale, band, 2, heightPx - 4, 0.75)}${label}`;
  });
  return svg(heightPx, parts.join(''));
}

function bandRect(scale: TimeScale, band: Band, y: number, h: number, opacity: number): string {
  const x = xOf(scale, band.startMs);
  const w = Math.max(1, xOf(scale, band.endMs) - x);
  return `<rect x="${fixed(x)}" y="${fixed(y)}" width="${fixed(w)}" height="${fixed(h)}" fill="${band.colour}" fill-opacity="${opacity}"><title>${escapeHtml(shorten(band.label))}</title></rect>`;
}

function timeAxis(scale: TimeScale, y: number): string {
  const span = scale.toMs - scale.fromMs;
  // Round times on the session clock (0.5 s, 1 s…), not offsets from an odd start.
  const step = niceTicks(span, 8)[1] ?? span;
  const ticks: number[] = [];
  for (let t = Math.ceil(scale.fromMs / step) * step; step > 0 && t <= scale.toMs; t += step) ticks.push(t);
  const labels = ticks.map(
    (t) => `<text x="${fixed(xOf(scale, t))}" y="${y + 15}" text-anchor="middle">${formatMs(t)}</text>`,
  );
  return `<line x1="${AXIS_LEFT}" x2="${CHART_WIDTH - AXIS_RIGHT}" y1="${y}" y2="${y}" stroke="#d5d9e2"/>${labels.join('')}`;
}

export interface Bar {
  label: string;
  value: number;
  valueText: string;
  colour: string;
}

/** Horizontal bars, longest first as given; `label` is shortened to fit the label column. */
export function barsSvg(bars: Bar[], labelWidthPx = 330): string {
  if (bars.length === 0) return '';
  const rowPx = 22;
  const max = Math.max(...bars.map((b) => b.value), 1e-12);
  // Room right of the longest bar for its value text ("−2.56 ms per run in B").
  const barSpace = CHART_WIDTH - labelWidthPx - 170;
  const rows = bars.map((bar, i) => {
    const y = i * rowPx;
    const w = Math.max(1, (Math.max(0, bar.value) / max) * barSpace);
    return [
      `<text x="${labelWidthPx - 8}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(shorten(bar.label))}</title>${escapeHtml(clip(bar.label, 52))}</text>`,
      `<rect x="${labelWidthPx}" y="${y + 4}" width="${fixed(w)}" height="${rowPx - 8}" rx="2" fill="${bar.colour}"/>`,
      `<text x="${fixed(labelWidthPx + w + 6)}" y="${y + 15}">${escapeHtml(bar.valueText)}</text>`,
    ].join('');
  });
  return svg(bars.length * rowPx + 4, rows.join(''));
}

export interface BarPair {
  label: string;
  a: number | null;
  b: number | null;
  aText: string;
  bText: string;
}

/** Two bars per row (A above B), each row scaled to its own larger value: metrics have different units. */
export function barPairsSvg(pairs: BarPair[], colours: { a: string; b: string }): string {
  if (pairs.length === 0) return '';
  const labelWidthPx = 200;
  const rowPx = 40;
  const barSpace = CHART_WIDTH - labelWidthPx - 130;
  const rows = pairs.map((pair, i) => {
    const y = i * rowPx;
    const max = Math.max(Math.abs(pair.a ?? 0), Math.abs(pair.b ?? 0), 1e-12);
    const bar = (value: number | null, text: string, dy: number, colour: string) => {
      const w = value === null ? 0 : Math.max(1, (Math.abs(value) / max) * barSpace);
      return `<rect x="${labelWidthPx}" y="${y + dy}" width="${fixed(w)}" height="14" rx="2" fill="${colour}"/><text x="${fixed(labelWidthPx + w + 6)}" y="${y + dy + 11}">${escapeHtml(text)}</text>`;
    };
    return [
      `<text x="${labelWidthPx - 8}" y="${y + 22}" text-anchor="end" style="fill:#1b1e25">${escapeHtml(clip(pair.label, 30))}</text>`,
      bar(pair.a, `A ${pair.aText}`, 4, colours.a),
      bar(pair.b, `B ${pair.bText}`, 20, colours.b),
    ].join('');
  });
  return svg(pairs.length * rowPx + 4, rows.join(''));
}

function svg(heightPx: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${heightPx}" width="${CHART_WIDTH}" height="${heightPx}" role="img">${body}</svg>`;
}
