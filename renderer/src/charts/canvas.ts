/**
 * Canvas plumbing shared by the timeline's tracks, lanes and bands: a backing store
 * sized for devicePixelRatio (crisp on HiDPI screens) and theme colours read from the
 * CSS variables of theme.css, so one palette serves SVG, DOM and canvas alike.
 */

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
  ctx.lineJoin = 'round';
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
