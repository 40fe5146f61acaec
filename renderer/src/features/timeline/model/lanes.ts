/**
 * Where each lane of a track sits and what it shows for a window: its y scale's top and
 * its series reduced to pixel columns. Computed once per window and width, then both
 * the labels (the scale's top) and the canvas draw from it.
 */
import { columnsMax, pixelColumns, type PixelColumns } from '../../../charts/columns.js';
import { niceCeil } from '../../../charts/scale.js';
import type { Dataset } from './datasets.js';
import type { LaneSpec } from './tracks.js';
import type { TimeWindow } from './window.js';

export interface LaneGeometry {
  lane: LaneSpec;
  topPx: number;
  heightPx: number;
  /** The value at the lane's top edge. */
  yMax: number;
  /** One entry per series of the lane; null where the dataset has no such series. */
  columns: Array<PixelColumns | null>;
}

/** Pixels between lanes of one track. */
export const LANE_GAP_PX = 4;

export function trackHeight(lanes: readonly LaneSpec[]): number {
  return lanes.reduce((sum, lane) => sum + lane.heightPx, 0) + LANE_GAP_PX * Math.max(0, lanes.length - 1);
}

export function laneGeometry(
  lanes: readonly LaneSpec[],
  dataset: Dataset | null,
  window: TimeWindow,
  widthPx: number,
): LaneGeometry[] {
  let topPx = 0;
  return lanes.map((lane) => {
    const columns = lane.series.map((info) => {
      const column = dataset?.columns.get(info.name);
      return column
        ? pixelColumns(column.tMs, column.values, column.length, window.fromMs, window.toMs, widthPx)
        : null;
    });
    const geometry: LaneGeometry = { lane, topPx, heightPx: lane.heightPx, yMax: yMaxOf(lane, columns), columns };
    topPx += lane.heightPx + LANE_GAP_PX;
    return geometry;
  });
}

/** A fixed top where the unit has one (shares of the machine), else the visible peak rounded up. */
function yMaxOf(lane: LaneSpec, columns: ReadonlyArray<PixelColumns | null>): number {
  if (lane.fixedMax !== null) return lane.fixedMax;
  let peak = 0;
  for (const c of columns) {
    const max = c ? columnsMax(c) : null;
    if (max !== null && max > peak) peak = max;
  }
  return Math.max(lane.minMax, niceCeil(peak));
}
