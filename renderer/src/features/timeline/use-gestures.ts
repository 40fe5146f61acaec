/**
 * Mouse, wheel and keyboard on the plot, as in Chrome's performance panel and Perfetto:
 * drag to brush a window, shift+drag or a horizontal wheel to pan, Ctrl/⌘+wheel to zoom
 * around the cursor, W/S zoom, A/D pan, 0 resets. The handlers read the latest window
 * through a ref, so they are bound once, not on every frame of a drag.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { brushWindow, panBy, zoomAt, type TimeWindow } from './model/window.js';

export interface GestureState {
  window: TimeWindow;
  span: TimeWindow | null;
  widthPx: number;
  /** The plot's left edge inside the bound element. */
  plotLeftPx: number;
  hoverMs: number | null;
}

export interface GestureHandlers {
  setWindow(window: TimeWindow): void;
  reset(): void;
  setHover(hover: { xPx: number; yPx: number } | null): void;
}

/** Zoom per key press; four presses make a 16× zoom. */
const KEY_ZOOM = 0.5;
const KEY_PAN_SHARE = 0.2;
/** Wheel delta to zoom factor: a notch (100 px) zooms by e^0.2 ≈ 1.22. */
const WHEEL_ZOOM_RATE = 0.002;
/** A drag shorter than this is a click. */
const MIN_BRUSH_PX = 4;

export function useGestures(
  plot: RefObject<HTMLElement | null>,
  root: RefObject<HTMLElement | null>,
  state: GestureState,
  handlers: GestureHandlers,
): { brushPx: { fromPx: number; toPx: number } | null } {
  const latest = useRef({ state, handlers });
  latest.current = { state, handlers };
  const [brushPx, setBrush] = useState<{ fromPx: number; toPx: number } | null>(null);

  useEffect(() => {
    // Bound on the root, which exists from the first render; the plot appears only once
    // there is data, so its position is looked up per event.
    const element = root.current;
    if (!element) return;
    const inPlot = (event: Event) => event.target instanceof Node && plot.current?.contains(event.target) === true;
    const plotX = (clientX: number) =>
      clientX - (plot.current?.getBoundingClientRect().left ?? 0) - latest.current.state.plotLeftPx;
    const timeAt = (px: number) => {
      const { window, widthPx } = latest.current.state;
      return window.fromMs + (px / Math.max(widthPx, 1)) * (window.toMs - window.fromMs);
    };
    const msPerPx = () => {
      const { window, widthPx } = latest.current.state;
      return (window.toMs - window.fromMs) / Math.max(widthPx, 1);
    };

    const onMouseDown = (event: MouseEvent) => {
      const { span, window } = latest.current.state;
      const startPx = plotX(event.clientX);
      if (event.button !== 0 || !span || startPx < 0 || !inPlot(event)) return;
      event.preventDefault();
      element.focus({ preventScroll: true });
      const panning = event.shiftKey;
      const move = (e: MouseEvent) => {
        const px = plotX(e.clientX);
        if (panning) latest.current.handlers.setWindow(panBy(window, span, (startPx - px) * msPerPxOf(window)));
        else setBrush({ fromPx: startPx, toPx: px });
      };
      const up = (e: MouseEvent) => {
        removeEventListener('mousemove', move);
        removeEventListener('mouseup', up);
        setBrush(null);
        const endPx = plotX(e.clientX);
        if (!panning && Math.abs(endPx - startPx) >= MIN_BRUSH_PX) {
          latest.current.handlers.setWindow(brushWindow(timeAt(startPx), timeAt(endPx), span));
        }
      };
      const msPerPxOf = (w: TimeWindow) => (w.toMs - w.fromMs) / Math.max(latest.current.state.widthPx, 1);
      addEventListener('mousemove', move);
      addEventListener('mouseup', up);
    };

    const onWheel = (event: WheelEvent) => {
      const { span, window } = latest.current.state;
      const px = plotX(event.clientX);
      if (!span || px < 0 || !inPlot(event)) return;
      const unit = event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 800 : 1;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        latest.current.handlers.setWindow(
          zoomAt(window, span, timeAt(px), Math.exp(event.deltaY * unit * WHEEL_ZOOM_RATE)),
        );
      } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        latest.current.handlers.setWindow(panBy(window, span, event.deltaX * unit * msPerPx()));
      }
    };

    const onMouseMove = (event: MouseEvent) => {
      const rect = plot.current?.getBoundingClientRect();
      const px = plotX(event.clientX);
      const over = rect && inPlot(event) && px >= 0;
      latest.current.handlers.setHover(over ? { xPx: px, yPx: event.clientY - rect.top } : null);
    };
    const onMouseLeave = () => latest.current.handlers.setHover(null);

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const { span, window, hoverMs } = latest.current.state;
      if (!span) return;
      const anchor = hoverMs ?? (window.fromMs + window.toMs) / 2;
      const width = window.toMs - window.fromMs;
      const next = keyWindow(event.key, window, span, anchor, width);
      if (next === 'reset') latest.current.handlers.reset();
      else if (next) latest.current.handlers.setWindow(next);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };

    element.addEventListener('mousedown', onMouseDown);
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('mousemove', onMouseMove);
    element.addEventListener('mouseleave', onMouseLeave);
    element.addEventListener('keydown', onKeyDown);
    return () => {
      element.removeEventListener('mousedown', onMouseDown);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('mousemove', onMouseMove);
      element.removeEventListener('mouseleave', onMouseLeave);
      element.removeEventListener('keydown', onKeyDown);
    };
  }, [plot, root]);

  return { brushPx };
}

function keyWindow(
  key: string,
  window: TimeWindow,
  span: TimeWindow,
  anchor: number,
  width: number,
): TimeWindow | 'reset' | null {
  switch (key) {
    case 'w':
    case 'W':
    case '+':
    case '=':
      return zoomAt(window, span, anchor, KEY_ZOOM);
    case 's':
    case 'S':
    case '-':
      return zoomAt(window, span, anchor, 1 / KEY_ZOOM);
    case 'a':
    case 'A':
    case 'ArrowLeft':
      return panBy(window, span, -width * KEY_PAN_SHARE);
    case 'd':
    case 'D':
    case 'ArrowRight':
      return panBy(window, span, width * KEY_PAN_SHARE);
    case '0':
      return 'reset';
    default:
      return null;
  }
}
