/**
 * Recharts settings shared by every chart: theme colours through the palette variables
 * (so a theme switch needs no re-render), no animation, compact axes.
 */
import type { CSSProperties } from 'react';

export const tooltipStyle: { contentStyle: CSSProperties; labelStyle: CSSProperties; itemStyle: CSSProperties } = {
  contentStyle: {
    background: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: 4,
    color: 'var(--text)',
    fontSize: 12,
    padding: '6px 8px',
  },
  labelStyle: { color: 'var(--text)', fontWeight: 600, marginBottom: 2 },
  itemStyle: { color: 'var(--text)', padding: 0 },
};

export const axisTick = { fill: 'var(--muted)', fontSize: 11 };
export const axisLine = { stroke: 'var(--border)' };
export const cursorFill = { fill: 'var(--panel-2)' };

/** Shortens long node and op names for an axis; the tooltip keeps the full name. */
export function shorten(text: string, max = 28): string {
  return text.length <= max ? text : `${text.slice(0, max - 9)}…${text.slice(-8)}`;
}
