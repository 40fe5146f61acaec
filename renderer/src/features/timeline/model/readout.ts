/** What the hover tooltip lists: every lane's values at the cursor, in its unit. Pure. */
import { formatValue } from '../../../charts/units.js';
import { nearestSample, type Column, type Dataset } from './datasets.js';
import { colorSlots, type TrackSpec } from './tracks.js';

export interface ReadoutRow {
  label: string;
  text: string;
  /** The series' colour slot in its lane; null for a summary row. */
  slot: number | null;
}

export interface TrackReadout {
  group: string;
  label: string;
  rows: ReadoutRow[];
}

/** Beyond this distance from a series' first or last sample, the cursor is outside the series. */
const OUTSIDE_MS = 1_000;

export function readout(tracks: readonly TrackSpec[], dataset: Dataset | null, tMs: number): TrackReadout[] {
  return tracks.map((track) => ({
    group: track.group,
    label: track.label,
    rows: track.lanes.flatMap((lane) => {
      const values = lane.series.map((info) => valueAt(dataset?.columns.get(info.name), tMs));
      if (lane.kind === 'heat') return coresRows(values);
      const slots = colorSlots(lane);
      return lane.series.map((info, i) => ({
        label: info.label,
        text: formatValue(info.unit, values[i] ?? null),
        slot: slots[i]!,
      }));
    }),
  }));
}

/** The sample nearest the cursor, when the cursor is within the series' time range. */
export function valueAt(column: Column | undefined, tMs: number): number | null {
  if (!column || column.length === 0) return null;
  if (tMs < column.tMs[0]! - OUTSIDE_MS || tMs > column.tMs[column.length - 1]! + OUTSIDE_MS) return null;
  return nearestSample(column, tMs)?.value ?? null;
}

/** Per-core busy shares as two lines: their mean, and the busiest core. */
function coresRows(values: ReadonlyArray<number | null>): ReadoutRow[] {
  const present = values.map((v, core) => ({ v, core })).filter((x): x is { v: number; core: number } => x.v !== null);
  const mean = present.length > 0 ? present.reduce((sum, x) => sum + x.v, 0) / present.length : null;
  const top = present.length > 0 ? present.reduce((a, b) => (b.v > a.v ? b : a)) : null;
  return [
    { label: `${values.length} cores, mean`, text: formatValue('pct', mean), slot: null },
    { label: 'Busiest core', text: top ? `CPU ${top.core}: ${formatValue('pct', top.v)}` : 'n/a', slot: null },
  ];
}
