/**
 * The report's timeline: the phases and bottleneck segments as strips, then one lane per
 * resource the bottleneck classes are judged on (machine CPU, the worker's CPU, memory,
 * disk, GPU), each with the phases painted behind its lines.
 */
import type { SeriesWindow, SeriesWindowSeries } from '../../shared/api.js';
import type { SeriesUnit } from '../../shared/sample.js';
import type { ProfileResult } from '../../shared/session.js';
import { colourOfLabel, colourOfPhase, SERIES_COLOURS } from './colours.js';
import { escapeHtml, text } from './html.js';
import { laneSvg, stripSvg, type Band, type Line, type TimeScale } from './svg.js';

interface LaneSpec {
  title: string;
  unit: SeriesUnit;
  pick: (name: string) => boolean;
  minMax?: number;
}

const LANES: LaneSpec[] = [
  { title: 'Machine CPU (% of all cores)', unit: 'pct', pick: (n) => n === 'cpu.total.busyPct', minMax: 100 },
  { title: 'Worker CPU (100 % = one core)', unit: 'pct', pick: (n) => n === 'proc.cpuPct', minMax: 100 },
  // The worker's RSS apart from the machine's: a 150 MB worker is a flat line under 25 GB used.
  { title: 'Worker memory (resident)', unit: 'bytes', pick: (n) => n === 'proc.rssBytes' },
  { title: 'Machine memory', unit: 'bytes', pick: (n) => n === 'mem.usedBytes' || n === 'mem.swapUsedBytes' },
  { title: 'Disk', unit: 'bytesPerSec', pick: (n) => /^disk\.[^.]+\.(read|write)BytesPerSec$/.test(n) },
  { title: 'GPU', unit: 'pct', pick: (n) => /^gpu\.[^.]+\.(utilPct|memUtilPct)$/.test(n), minMax: 100 },
];

export function phaseBands(result: ProfileResult): Band[] {
  return result.phases.map((p) => ({
    startMs: p.startMs,
    endMs: p.startMs + p.durationMs,
    colour: colourOfPhase(p.name),
    label: p.name,
  }));
}

/** Segments with adjacent ones of the same label merged: one band per stretch, one label on it. */
function segmentBands(result: ProfileResult): Band[] {
  const bands: Band[] = [];
  for (const s of result.segments ?? []) {
    const last = bands[bands.length - 1];
    if (last && last.label === s.label && s.startMs - last.endMs < 1) last.endMs = Math.max(last.endMs, s.endMs);
    else bands.push({ startMs: s.startMs, endMs: s.endMs, colour: colourOfLabel(s.label), label: s.label });
  }
  return bands;
}

/** The span the charts cover: the sampled span and every phase. */
function timeScale(result: ProfileResult, window: SeriesWindow): TimeScale | null {
  const starts = [...result.phases.map((p) => p.startMs)];
  const ends = [...result.phases.map((p) => p.startMs + p.durationMs)];
  if (window.spanMs.endMs > window.spanMs.startMs) {
    starts.push(window.spanMs.startMs);
    ends.push(window.spanMs.endMs);
  }
  if (starts.length === 0) return null;
  const fromMs = Math.min(...starts);
  const toMs = Math.max(...ends);
  return toMs > fromMs ? { fromMs, toMs } : null;
}

function legend(items: Array<{ label: string; colour: string; line?: boolean }>): string {
  const entries = items.map(
    (i) => `<span><i class="${i.line ? 'line' : ''}" style="background:${i.colour}"></i>${text(i.label, 60)}</span>`,
  );
  return `<div class="legend">${entries.join('')}</div>`;
}

function lineOf(series: SeriesWindowSeries, colour: string): Line {
  return { label: series.info.label, colour, tMs: series.tMs, values: series.values };
}

export function timelineHtml(result: ProfileResult, window: SeriesWindow): string {
  const scale = timeScale(result, window);
  if (!scale) return '<p class="muted">No timeline: the session recorded no phase and no sample.</p>';
  const phases = phaseBands(result);
  const segments = segmentBands(result);
  const parts: string[] = [];
  parts.push('<h3>Phases</h3>', stripSvg(scale, phases));
  parts.push(legend(phases.map((p) => ({ label: p.label, colour: p.colour }))));
  if (segments.length > 0) {
    parts.push('<h3>What holds it back, over time</h3>', stripSvg(scale, segments));
    const labels = [...new Set(segments.map((s) => s.label))];
    parts.push(legend(labels.map((label) => ({ label, colour: colourOfLabel(label) }))));
  }
  for (const lane of LANES) {
    const series = window.series.filter((s) => lane.pick(s.info.name) && s.tMs.length > 0);
    if (series.length === 0) continue;
    const lines = series.map((s, i) => lineOf(s, SERIES_COLOURS[i % SERIES_COLOURS.length]!));
    parts.push(`<h3>${escapeHtml(lane.title)}</h3>`);
    parts.push(
      laneSvg({ scale, unit: lane.unit, lines, bands: phases, ...(lane.minMax ? { minMax: lane.minMax } : {}) }),
    );
    parts.push(legend(lines.map((l) => ({ label: l.label, colour: l.colour, line: true }))));
  }
  if (window.downsampled)
    parts.push(
      '<p class="muted">Series are downsampled to at most 600 points each; every bucket keeps its minimum and maximum, so spikes stay visible.</p>',
    );
  return parts.join('\n');
}
