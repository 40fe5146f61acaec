/**
 * Paints one track's lanes on its canvas: grid at the time ticks, each line lane's
 * series from their pixel columns (the first filled beneath, so the busiest series
 * reads as an area), and the per-core heat strip as one image scaled up unsmoothed.
 */
import {
  fillColumnsUnder,
  fillExtents,
  fillUnder,
  parseHex,
  prepareCanvas,
  strokePolyline,
  themeColors,
} from '../../charts/canvas.js';
import { columnConnectors, columnExtents, columnPolyline, type PixelColumns } from '../../charts/columns.js';
import type { LaneGeometry } from './model/lanes.js';
import { colorSlots } from './model/tracks.js';
import type { TimeWindow } from './model/window.js';

/** Line colours by slot: the palette's class colours, which stay distinct in both themes. */
export const LINE_COLORS = [
  '--accent',
  '--compute',
  '--memory-bandwidth',
  '--communication',
  '--storage',
  '--memory-capacity',
  '--ok',
];
const PAINT_COLORS = [...LINE_COLORS, '--grid', '--panel', '--border'];

export function drawTrack(
  canvas: HTMLCanvasElement,
  lanes: readonly LaneGeometry[],
  window: TimeWindow,
  widthPx: number,
  heightPx: number,
  ticksMs: readonly number[],
): void {
  const ctx = prepareCanvas(canvas, widthPx, heightPx);
  const colors = themeColors(PAINT_COLORS);
  const perMs = widthPx / Math.max(window.toMs - window.fromMs, 1e-9);
  for (const geometry of lanes) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, geometry.topPx, widthPx, geometry.heightPx);
    ctx.clip();
    drawGrid(
      ctx,
      geometry,
      ticksMs.map((t) => (t - window.fromMs) * perMs),
      widthPx,
      colors,
    );
    if (geometry.lane.kind === 'heat') drawHeat(ctx, geometry, widthPx, colors);
    else drawLines(ctx, geometry, window, colors);
    ctx.restore();
  }
}

function drawGrid(
  ctx: CanvasRenderingContext2D,
  geometry: LaneGeometry,
  ticksPx: readonly number[],
  widthPx: number,
  colors: Record<string, string>,
): void {
  const { topPx, heightPx } = geometry;
  ctx.fillStyle = colors['--grid']!;
  for (const x of ticksPx) ctx.fillRect(Math.round(x), topPx, 1, heightPx);
  ctx.fillStyle = colors['--border']!;
  ctx.fillRect(0, topPx + heightPx - 1, widthPx, 1);
}

function drawLines(
  ctx: CanvasRenderingContext2D,
  geometry: LaneGeometry,
  window: TimeWindow,
  colors: Record<string, string>,
): void {
  const { topPx, heightPx, yMax } = geometry;
  // One pixel of headroom so a line at the top is not cut in half.
  const bottom = topPx + heightPx - 1;
  const yOf = (value: number) => bottom - (Math.max(0, value) / yMax) * (heightPx - 2);
  const slots = colorSlots(geometry.lane);
  geometry.columns.forEach((columns, i) => {
    if (!columns) return;
    const color = colors[LINE_COLORS[slots[i]! % LINE_COLORS.length]!]!;
    if (isDense(columns)) {
      // Software raster (no GPU) spends its time on long anti-aliased paths: a dense lane
      // is drawn as one-pixel rectangles (each column's min–max span and the area) and
      // a path through each column's first and last value only.
      if (i === 0) fillColumnsUnder(ctx, columns, yOf, bottom, color, 0.14);
      fillExtents(ctx, columnExtents(columns, yOf), color);
      strokePolyline(ctx, columnConnectors(columns, window.fromMs, window.toMs, yOf), color);
    } else {
      const points = columnPolyline(columns, window.fromMs, window.toMs, yOf);
      if (i === 0) fillUnder(ctx, points, bottom, color, 0.14);
      strokePolyline(ctx, points, color);
    }
  });
}

/**
 * One image row per core, one image column per pixel column, alpha = the column's peak
 * busy share; an empty column (zoomed between samples) holds the previous value, as the
 * core was in that state until the next sample.
 */
function drawHeat(
  ctx: CanvasRenderingContext2D,
  geometry: LaneGeometry,
  widthPx: number,
  colors: Record<string, string>,
): void {
  const rows = geometry.columns.length;
  const cols = Math.max(1, Math.floor(widthPx));
  if (rows === 0) return;
  const image = new ImageData(cols, rows);
  // The accent, not a bottleneck class's colour: a busy core is not a verdict.
  const [r, g, b] = parseHex(colors['--accent']!);
  geometry.columns.forEach((columns, row) => {
    if (!columns) return;
    paintHeatRow(image.data, row * cols, columns, cols, geometry.yMax, [r, g, b]);
  });
  const scratch = document.createElement('canvas');
  scratch.width = cols;
  scratch.height = rows;
  scratch.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, geometry.topPx, widthPx, geometry.heightPx - 1);
}

function paintHeatRow(
  data: Uint8ClampedArray,
  offset: number,
  columns: PixelColumns,
  cols: number,
  yMax: number,
  rgb: [number, number, number],
): void {
  let held = columns.before?.value ?? null;
  for (let c = 0; c < cols; c++) {
    if (columns.count[c]! > 0) held = columns.max[c]!;
    if (held === null) continue;
    const share = Math.min(1, Math.max(0, held / yMax));
    const p = (offset + c) * 4;
    data[p] = rgb[0];
    data[p + 1] = rgb[1];
    data[p + 2] = rgb[2];
    // A floor of 8 % keeps an idle core's row visible as a row.
    data[p + 3] = Math.round(255 * (0.08 + 0.92 * share));
  }
}

/** At least one sample in most columns: the lane is zoomed out past its sampling rate. */
function isDense(columns: PixelColumns): boolean {
  let filled = 0;
  for (let c = 0; c < columns.width; c++) if (columns.count[c]! > 0) filled++;
  return filled >= columns.width / 2;
}
