/** Renderer-only formats; units and n/a rules follow electron/shared/format.ts. */
import type { Dim } from '../../../electron/shared/model.js';

export function formatPerSec(perSec: number | null, unit = '/s'): string {
  if (perSec === null || Number.isNaN(perSec)) return 'n/a';
  const digits = perSec >= 100 ? 0 : perSec >= 10 ? 1 : 2;
  return unit ? `${perSec.toFixed(digits)} ${unit}` : perSec.toFixed(digits);
}

/** `[batch, 3, 224, 224]`: symbolic dims by name, open ones as `?`. */
export function formatShape(shape: Dim[]): string {
  return `[${shape.map((dim) => (dim === null ? '?' : String(dim))).join(', ')}]`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === new Date().toDateString();
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return sameDay
    ? `today ${time}`
    : `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

export function formatNumber(value: number | null, digits = 1): string {
  return value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}
