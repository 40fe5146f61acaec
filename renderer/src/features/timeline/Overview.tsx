/**
 * The whole session in one strip: the machine's CPU as an area, the phases as tints,
 * and the visible window as a frame. Dragging on it picks a new window; a click
 * centres the window there.
 */
import { memo, useLayoutEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { fillUnder, prepareCanvas, strokePolyline, themeColors } from '../../charts/canvas.js';
import { columnPolyline, columnsMax, pixelColumns } from '../../charts/columns.js';
import type { Column } from './model/datasets.js';
import type { PhaseSpan } from './model/spans.js';
import { brushWindow, panBy, spanOf, type TimeWindow } from './model/window.js';

export const OVERVIEW_PX = 30;

export const Overview = memo(function Overview(props: {
  column: Column | null;
  /** The value at the strip's top; null scales to the column's peak. */
  yMax: number | null;
  phases: readonly PhaseSpan[];
  span: TimeWindow;
  window: TimeWindow;
  widthPx: number;
  themeKey: number;
  onWindow(window: TimeWindow): void;
}) {
  const { column, yMax, phases, span, window, widthPx, themeKey, onWindow } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ fromPx: number; toPx: number } | null>(null);
  const perMs = widthPx / Math.max(spanOf(span), 1e-9);
  const tOf = (px: number) => span.fromMs + px / perMs;

  useLayoutEffect(() => {
    if (!canvas.current || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas.current, widthPx, OVERVIEW_PX);
    const names = ['--accent', ...phases.map((p) => `--phase-${p.name}`)];
    const colors = themeColors(names);
    for (const phase of phases) {
      ctx.globalAlpha = 0.22;
      ctx.fillStyle = colors[`--phase-${phase.name}`]!;
      ctx.fillRect(
        (phase.startMs - span.fromMs) * perMs,
        0,
        Math.max(1, (phase.endMs - phase.startMs) * perMs),
        OVERVIEW_PX,
      );
    }
    ctx.globalAlpha = 1;
    if (!column) return;
    const columns = pixelColumns(column.tMs, column.values, column.length, span.fromMs, span.toMs, widthPx);
    const top = yMax ?? Math.max(1e-9, columnsMax(columns) ?? 0);
    const yOf = (v: number) => OVERVIEW_PX - 1 - (Math.max(0, v) / top) * (OVERVIEW_PX - 3);
    const points = columnPolyline(columns, span.fromMs, span.toMs, yOf);
    fillUnder(ctx, points, OVERVIEW_PX, colors['--accent']!, 0.25);
    strokePolyline(ctx, points, colors['--accent']!);
  }, [column, yMax, phases, span, widthPx, perMs, themeKey]);

  const onMouseDown = (event: ReactMouseEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const left = event.currentTarget.getBoundingClientRect().left;
    const startPx = event.clientX - left;
    setDrag({ fromPx: startPx, toPx: startPx });
    const move = (e: MouseEvent) => setDrag({ fromPx: startPx, toPx: e.clientX - left });
    const up = (e: MouseEvent) => {
      removeEventListener('mousemove', move);
      removeEventListener('mouseup', up);
      setDrag(null);
      const endPx = e.clientX - left;
      if (Math.abs(endPx - startPx) >= 3) onWindow(brushWindow(tOf(startPx), tOf(endPx), span));
      else onWindow(panBy(window, span, tOf(startPx) - (window.fromMs + window.toMs) / 2));
    };
    addEventListener('mousemove', move);
    addEventListener('mouseup', up);
  };

  const frameLeft = (window.fromMs - span.fromMs) * perMs;
  const frameWidth = Math.max(2, spanOf(window) * perMs);
  return (
    <div className="tl-overview" data-testid="overview" style={{ width: widthPx }} onMouseDown={onMouseDown}>
      <canvas ref={canvas} style={{ width: widthPx, height: OVERVIEW_PX }} />
      <div className="tl-overview-frame" style={{ left: frameLeft, width: frameWidth }} />
      {drag && (
        <div
          className="tl-brush"
          style={{ left: Math.min(drag.fromPx, drag.toPx), width: Math.abs(drag.toPx - drag.fromPx) }}
        />
      )}
    </div>
  );
});
