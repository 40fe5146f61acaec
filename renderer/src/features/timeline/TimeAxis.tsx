/** Tick labels of the shared time axis, above every track. */
import { memo } from 'react';
import { formatTick } from '../../charts/ticks.js';
import type { TimeWindow } from './model/window.js';

export const TimeAxis = memo(function TimeAxis(props: {
  window: TimeWindow;
  widthPx: number;
  ticksMs: readonly number[];
  stepMs: number;
}) {
  const { window, widthPx, ticksMs, stepMs } = props;
  const perMs = widthPx / Math.max(window.toMs - window.fromMs, 1e-9);
  return (
    <div className="tl-axis" style={{ width: widthPx }} data-testid="time-axis">
      {ticksMs.map((t) => {
        const left = (t - window.fromMs) * perMs;
        // A label that would be cut at the right edge is left out; its grid line still shows.
        return left > widthPx - 40 ? null : (
          <span key={t} className="tl-tick" style={{ left }}>
            {formatTick(t, stepMs)}
          </span>
        );
      })}
    </div>
  );
});
