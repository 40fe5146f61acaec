/**
 * Canvas plumbing shared by the timeline's tracks, lanes and bands: a backing store
 * sized for devicePixelRatio (crisp on HiDPI screens) and theme colours read from the
 * CSS variables of theme.css, so one palette serves SVG, DOM and canvas alike.
 */
import type { PixelColumns } from './columns.js';

/** Sizes the canvas for its CSS box and returns a context that draws in CSS pixels. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(cssWidth * dpr));
  const height = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gives no 2D canvas context');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  return ctx;
}

/**
 * Resolved theme colours by variable name (`--compute` → `#ff7a45`). Read once per
 * draw pass: getComputedStyle is cheap once, not per series.
 */
export function themeColors(names: readonly string[]): Record<string, string> {
  const style = getComputedStyle(document.documentElement);
  const colors: Record<string, string> = {};
  for (const name of names) colors[name] = style.getPropertyValue(name).trim() || '#888';
  return colors;
}

/** Strokes flat [x, y] pairs as one path. */
export function strokePolyline(
  ctx: CanvasRenderingContext2D,
  points: readonly number[],
  color: string,
  widthPx = 1,
): void {
  if (points.length < 4) {
    if (points.length === 2) {
      ctx.fillStyle = color;
      ctx.fillRect(points[0]! - 1, points[1]! - 1, 2, 2);
    }
    return;
  }
  ctx.beginPath();
  ctx.moveTo(points[0]!, points[1]!);
  for (let i = 2; i < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
  ctx.strokeStyle = color;
  ctx.lineWidth = widthPx;
  // Miter joins: round ones cost measurably more in software raster (no GPU in CI).
  ctx.lineJoin = 'miter';
  ctx.stroke();
}

/** Fills the area between the polyline and `baseY`, under the line. */
export function fillUnder(
  ctx: CanvasRenderingContext2D,
  points: readonly number[],
  baseY: number,
  color: string,
  alpha: number,
): void {
  if (points.length < 4) return;
  ctx.beginPath();
  ctx.moveTo(points[0]!, baseY);
  for (let i = 0; i < points.length; i += 2) ctx.lineTo(points[i]!, points[i + 1]!);
  ctx.lineTo(points[points.length - 2]!, baseY);
  ctx.closePath();
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  ctx.fill();
  ctx.globalAlpha = 1;
}

/** `#rrggbb` or `#rgb` as [r, g, b]; grey for anything else (a theme that uses rgb() reads grey, not black). */
export function parseHex(color: string): [number, number, number] {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) return [136, 136, 136];
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Fills [x, yTop, yBottom] triples as one-pixel columns: a dense column's min–max span, without a path. */
export function fillExtents(ctx: CanvasRenderingContext2D, extents: readonly number[], color: string): void {
  ctx.fillStyle = color;
  for (let i = 0; i < extents.length; i += 3) {
    const top = extents[i + 1]!;
    ctx.fillRect(extents[i]!, top - 0.5, 1, Math.max(1, extents[i + 2]! - top + 1));
  }
}

/**
 * The area under dense columns as one-pixel rectangles from each column's peak to
 * `baseY`: no anti-aliased path. An empty column between filled ones holds the last
 * peak: the engine's min/max buckets do not line up with pixels, so a dense series still
 * leaves the odd column without a point, which would show as a dark stripe.
 */
export function fillColumnsUnder(
  ctx: CanvasRenderingContext2D,
  columns: PixelColumns,
  yOf: (value: number) => number,
  baseY: number,
  color: string,
  alpha: number,
): void {
  let last = columns.width - 1;
  while (last >= 0 && columns.count[last] === 0) last--;
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  let top: number | null = null;
  for (let c = 0; c <= last; c++) {
    if (columns.count[c]! > 0) top = yOf(columns.max[c]!);
    if (top !== null) ctx.fillRect(c, top, 1, baseY - top);
  }
  ctx.globalAlpha = 1;
}
