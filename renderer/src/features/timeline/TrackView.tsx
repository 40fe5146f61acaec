/** One group's track: lane labels on the left, the lanes on one canvas on the right. */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { formatValue } from '../../charts/units.js';
import type { Dataset } from './model/datasets.js';
import { laneGeometry, LANE_GAP_PX, trackHeight } from './model/lanes.js';
import type { TrackSpec } from './model/tracks.js';
import type { TimeWindow } from './model/window.js';
import { drawTrack } from './draw-track.js';

export interface TrackViewProps {
  track: TrackSpec;
  dataset: Dataset | null;
  window: TimeWindow;
  widthPx: number;
  ticksMs: readonly number[];
  /** Repaint triggers whose value is not otherwise read: the live buffer's version, the theme's. */
  paintKey: string;
}

export const TrackView = memo(function TrackView(props: TrackViewProps) {
  const { track, dataset, window, widthPx, ticksMs, paintKey } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const heightPx = trackHeight(track.lanes);
  const lanes = useMemo(
    () => laneGeometry(track.lanes, dataset, window, widthPx),
    // paintKey: a live buffer grows in place, so the same dataset object holds new samples.
    [track, dataset, window, widthPx, paintKey],
  );
  useLayoutEffect(() => {
    if (canvas.current && widthPx > 0) drawTrack(canvas.current, lanes, window, widthPx, heightPx, ticksMs);
  }, [lanes, window, widthPx, heightPx, ticksMs, paintKey]);

  return (
    <div className="tl-row tl-track" data-testid={`track-${track.group}`}>
      <div className="tl-label tl-track-labels" style={{ height: heightPx }}>
        {lanes.map((geometry, i) => (
          <div
            key={geometry.lane.key}
            className="tl-lane-label"
            style={{ height: geometry.heightPx, marginBottom: i < lanes.length - 1 ? LANE_GAP_PX : 0 }}
            title={geometry.lane.series.map((s) => s.label).join('\n')}
          >
            <span className="tl-lane-name">{geometry.lane.label}</span>
            <span className="tl-lane-scale">
              {geometry.lane.kind === 'heat' ? '0–100 %' : formatValue(geometry.lane.unit, geometry.yMax)}
            </span>
          </div>
        ))}
      </div>
      <canvas
        ref={canvas}
        className="tl-canvas"
        role="img"
        aria-label={`${track.label}: ${track.lanes.map((lane) => lane.label).join(', ')}`}
        style={{ width: widthPx, height: heightPx }}
      />
    </div>
  );
});
