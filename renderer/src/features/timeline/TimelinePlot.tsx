/**
 * The plot under the toolbar: time axis, phase bands through everything, the bottleneck
 * row, the op lane when zoomed in, the tracks, and the hover cursor and tooltip.
 */
import { forwardRef, useMemo } from 'react';
import type { Segment } from '../../../../electron/shared/analysis.js';
import { formatCount, formatMs } from '../../../../electron/shared/format.js';
import { timeTicks } from '../../charts/ticks.js';
import { BottleneckBand, PhaseBands } from './Bands.js';
import { HoverTooltip, type HoverInfo } from './HoverTooltip.js';
import { OpLane } from './OpLane.js';
import { TimeAxis } from './TimeAxis.js';
import { TrackView } from './TrackView.js';
import type { Dataset } from './model/datasets.js';
import type { PhaseSpan } from './model/spans.js';
import type { TrackSpec } from './model/tracks.js';
import type { TimeWindow } from './model/window.js';
import type { OpLaneData } from './use-ops.js';

/** Width of the label column left of every row. */
export const LABEL_PX = 148;
const BOTTLENECK_ROW_PX = 10;

export interface TimelinePlotProps {
  tracks: TrackSpec[];
  dataset: Dataset | null;
  window: TimeWindow;
  widthPx: number;
  phases: PhaseSpan[];
  segments: readonly Segment[];
  ops: OpLaneData;
  opLaneWanted: boolean;
  paintKey: string;
  themeKey: number;
  hover: { xPx: number; yPx: number; info: HoverInfo } | null;
  brushPx: { fromPx: number; toPx: number } | null;
}

export const TimelinePlot = forwardRef<HTMLDivElement, TimelinePlotProps>(function TimelinePlot(props, ref) {
  const { tracks, dataset, window, widthPx, phases, segments, ops, hover, brushPx } = props;
  const ticks = useMemo(
    () => timeTicks(window.fromMs, window.toMs, Math.max(2, Math.floor(widthPx / 110))),
    [window, widthPx],
  );
  return (
    <div className="tl-plot" ref={ref}>
      <div className="tl-row tl-axis-row">
        <div className="tl-label" />
        <TimeAxis window={window} widthPx={widthPx} ticksMs={ticks.ticksMs} stepMs={ticks.stepMs} />
      </div>
      <div className="tl-row tl-phase-row">
        <div className="tl-label">Phase</div>
      </div>
      <div className="tl-row">
        <div className="tl-label">Bottleneck</div>
        <BottleneckBand
          segments={segments}
          window={window}
          widthPx={widthPx}
          heightPx={BOTTLENECK_ROW_PX}
          themeKey={props.themeKey}
        />
      </div>
      {props.opLaneWanted && (
        <div className="tl-row">
          <div className="tl-label" title="ONNX Runtime kernel events">
            Ops
            <span className="tl-lane-scale">
              {ops.loading && ops.ops.length === 0
                ? 'loading…'
                : ops.omitted > 0
                  ? `+${formatCount(ops.omitted)}: zoom in`
                  : ops.ops.length === 0
                    ? 'none here'
                    : `${formatCount(ops.ops.length)}`}
            </span>
          </div>
          <OpLane ops={ops.ops} window={window} widthPx={widthPx} />
        </div>
      )}
      {tracks.map((track) => (
        <TrackView
          key={track.group}
          track={track}
          dataset={dataset}
          window={window}
          widthPx={widthPx}
          ticksMs={ticks.ticksMs}
          paintKey={props.paintKey}
        />
      ))}
      <div className="tl-overlay" style={{ left: LABEL_PX, width: widthPx }}>
        <PhaseBands phases={phases} window={window} widthPx={widthPx} />
        {hover && <div className="tl-cursor" style={{ left: hover.xPx }} />}
        {brushPx && (
          <div
            className="tl-brush"
            data-testid="timeline-brush"
            style={{ left: Math.min(brushPx.fromPx, brushPx.toPx), width: Math.abs(brushPx.toPx - brushPx.fromPx) }}
          >
            <span className="tl-brush-span">
              {formatMs(
                (Math.abs(brushPx.toPx - brushPx.fromPx) * (window.toMs - window.fromMs)) / Math.max(widthPx, 1),
              )}
            </span>
          </div>
        )}
      </div>
      {hover && <HoverTooltip info={hover.info} cursorPx={LABEL_PX + hover.xPx} cursorTopPx={hover.yPx} />}
    </div>
  );
});
