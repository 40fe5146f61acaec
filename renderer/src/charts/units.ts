/** A series value in its unit, with the shared formats (electron/shared/format.ts). */
import { formatBytes, formatCount, formatPct } from '../../../electron/shared/format.js';
import type { SeriesUnit } from '../../../electron/shared/sample.js';

export function formatValue(unit: SeriesUnit, value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'pct':
      return formatPct(value, value < 10 ? 1 : 0);
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerSec':
      return `${formatBytes(value)}/s`;
    case 'pagesPerSec':
      return `${formatCount(Math.round(value))} pages/s`;
    case 'perSec':
      return `${formatCount(Math.round(value))}/s`;
    case 'count':
      return formatCount(Math.round(value));
    case 'watts':
      return `${value.toFixed(value < 10 ? 1 : 0)} W`;
    case 'mhz':
      return `${Math.round(value)} MHz`;
    case 'celsius':
      return `${Math.round(value)} °C`;
  }
}
