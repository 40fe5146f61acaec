/**
 * Which series the timeline draws and how: one track per SeriesInfo group (the testid
 * `track-<group>`), split into lanes that share a unit and so a y axis. Per-core CPU is
 * a heat strip, one row per core: 64 small line charts would be unreadable at 1280×800,
 * while 64 one-pixel rows still show which cores are busy and when.
 */
import type { SeriesGroup, SeriesInfo, SeriesUnit } from '../../../../../electron/shared/sample.js';

export interface LaneSpec {
  /** Unique in the timeline: `<group>.<unit>` or `cpu.cores`. */
  key: string;
  label: string;
  unit: SeriesUnit;
  kind: 'line' | 'heat';
  series: SeriesInfo[];
  /** Fixed top of the y axis (100 for shares); null scales to the visible data. */
  fixedMax: number | null;
  /** Scales to the data but never below this (a worker at 150 % CPU runs past 100). */
  minMax: number;
  heightPx: number;
}

export interface TrackSpec {
  group: SeriesGroup;
  label: string;
  lanes: LaneSpec[];
}

const GROUP_ORDER: SeriesGroup[] = ['cpu', 'process', 'memory', 'disk', 'network', 'pressure', 'gpu'];
const GROUP_LABEL: Record<SeriesGroup, string> = {
  cpu: 'CPU',
  process: 'Worker',
  memory: 'Memory',
  disk: 'Disk',
  network: 'Network',
  pressure: 'Pressure',
  gpu: 'GPU',
};
const UNIT_ORDER: SeriesUnit[] = [
  'pct',
  'bytes',
  'bytesPerSec',
  'pagesPerSec',
  'perSec',
  'watts',
  'mhz',
  'celsius',
  'count',
];

const PER_CORE_BUSY = /^cpu\.(\d+)\.busyPct$/;
/**
 * Left out: per-core user/system/iowait/steal (the heat strip shows busy), the machine's
 * user and system (they add up to busy), counters that only grow (cumulative bytes,
 * faults), thread counts, and ceilings that never move.
 */
const LEFT_OUT = [
  /^cpu\.\d+\.(user|system|iowait|steal)Pct$/,
  /^cpu\.total\.(user|system)Pct$/,
  /^proc\.(readBytes|writeBytes|majorFaults|threads)$/,
  /^gpu\.\d+\.memTotalBytes$/,
  /^disk\.[^.]+\.busyPct$/,
];

/** Lane names by group and unit; others read as `<group> <unit>`. */
const LANE_LABEL: Partial<Record<string, string>> = {
  'cpu.pct': 'Machine CPU',
  'process.pct': 'Worker CPU',
  'process.bytes': 'Worker RSS',
  'process.bytesPerSec': 'Worker I/O',
  'process.perSec': 'Worker faults',
  'memory.bytes': 'Memory',
  'memory.perSec': 'Major faults',
  'memory.pagesPerSec': 'Swap paging',
  'disk.bytesPerSec': 'Disk read/write',
  'network.bytesPerSec': 'Network rx/tx',
  'pressure.pct': 'Pressure (stall)',
  'gpu.pct': 'GPU busy',
  'gpu.bytes': 'GPU memory',
  'gpu.watts': 'GPU power',
  'gpu.mhz': 'GPU clocks',
  'gpu.celsius': 'GPU temp.',
};

const LINE_LANE_PX = 40;
const SMALL_LANE_PX = 28;

/** Tracks in a fixed order (CPU first: it is read first), lanes by unit, series in their own order. */
export function buildTracks(series: readonly SeriesInfo[]): TrackSpec[] {
  const visible = series.filter((s) => !LEFT_OUT.some((pattern) => pattern.test(s.name)));
  const tracks: TrackSpec[] = [];
  for (const group of GROUP_ORDER) {
    const inGroup = visible.filter((s) => s.group === group);
    if (inGroup.length === 0) continue;
    const lanes: LaneSpec[] = [];
    const cores = inGroup.filter((s) => PER_CORE_BUSY.test(s.name)).sort((a, b) => coreIndex(a) - coreIndex(b));
    if (cores.length > 0) lanes.push(coreLane(cores));
    const rest = inGroup.filter((s) => !PER_CORE_BUSY.test(s.name));
    for (const unit of UNIT_ORDER) {
      const ofUnit = rest.filter((s) => s.unit === unit);
      if (ofUnit.length > 0) lanes.push(lineLane(group, unit, ofUnit));
    }
    tracks.push({ group, label: GROUP_LABEL[group], lanes });
  }
  return tracks;
}

function coreIndex(info: SeriesInfo): number {
  return Number(PER_CORE_BUSY.exec(info.name)?.[1] ?? 0);
}

/** One row per core, 3–10 px each, so 2 cores and 64 cores both fit in about 20–130 px. */
export function coreRowPx(cores: number): number {
  return Math.max(2, Math.min(10, Math.floor(128 / Math.max(1, cores))));
}

function coreLane(cores: SeriesInfo[]): LaneSpec {
  return {
    key: 'cpu.cores',
    label: cores.length === 1 ? 'CPU core' : `${cores.length} CPU cores`,
    unit: 'pct',
    kind: 'heat',
    series: cores,
    fixedMax: 100,
    minMax: 100,
    heightPx: Math.max(SMALL_LANE_PX - 8, coreRowPx(cores.length) * cores.length),
  };
}

function lineLane(group: SeriesGroup, unit: SeriesUnit, series: SeriesInfo[]): LaneSpec {
  const shareOfMachine = unit === 'pct' && group !== 'process';
  const secondary = unit === 'pagesPerSec' || unit === 'perSec' || unit === 'mhz' || unit === 'celsius';
  return {
    key: `${group}.${unit}`,
    label: LANE_LABEL[`${group}.${unit}`] ?? `${GROUP_LABEL[group]} ${unit}`,
    unit,
    kind: 'line',
    series,
    fixedMax: shareOfMachine ? 100 : null,
    minMax: unit === 'pct' ? 100 : unit === 'bytesPerSec' ? 1000 : 1,
    heightPx: secondary ? SMALL_LANE_PX : LINE_LANE_PX,
  };
}

/** Every series name the tracks draw: what to ask querySeries for. */
export function drawnSeriesNames(tracks: readonly TrackSpec[]): string[] {
  return tracks.flatMap((track) => track.lanes.flatMap((lane) => lane.series.map((s) => s.name)));
}

/**
 * A lane's colour slot per series: series that measure the same thing (every
 * interface's receive) share a colour, so six network lines read as receive and send.
 */
export function colorSlots(lane: LaneSpec): number[] {
  const metrics: string[] = [];
  return lane.series.map((s) => {
    const metric = s.name.slice(s.name.lastIndexOf('.') + 1);
    let slot = metrics.indexOf(metric);
    if (slot < 0) slot = metrics.push(metric) - 1;
    return slot;
  });
}
