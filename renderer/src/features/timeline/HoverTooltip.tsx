/** The values of every track at the cursor, with the phase, bottleneck and op under it. */
import { useLayoutEffect, useRef } from 'react';
import type { Segment } from '../../../../electron/shared/analysis.js';
import type { OpEvent } from '../../../../electron/shared/session.js';
import { formatMs } from '../../../../electron/shared/format.js';
import { formatCursor } from '../../charts/ticks.js';
import { LABEL_TEXT, PHASE_TEXT } from '../../components/labels.js';
import { LINE_COLORS } from './draw-track.js';
import type { TrackReadout } from './model/readout.js';
import type { PhaseSpan } from './model/spans.js';

export interface HoverInfo {
  tMs: number;
  msPerPx: number;
  phase: PhaseSpan | null;
  segment: Segment | null;
  op: OpEvent | null;
  /** Whether the op lane is loaded (so "no op" means an idle moment, not an unloaded lane). */
  opsLoaded: boolean;
  tracks: TrackReadout[];
}

/** Gap between the cursor and the tooltip. */
const OFFSET_PX = 12;

/** `cursorPx` and `cursorTopPx` are in the plot's box, which the tooltip is positioned in. */
export function HoverTooltip(props: { info: HoverInfo; cursorPx: number; cursorTopPx: number }) {
  const { info, cursorPx, cursorTopPx } = props;
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Kept inside the plot: right of and below the cursor where it fits, else left of it
    // and moved up as far as needed.
    const element = box.current;
    const parent = element?.offsetParent;
    if (!element || !parent) return;
    const right = cursorPx + OFFSET_PX;
    const left = right + element.offsetWidth <= parent.clientWidth ? right : cursorPx - OFFSET_PX - element.offsetWidth;
    const top = Math.min(cursorTopPx + OFFSET_PX, parent.clientHeight - element.offsetHeight);
    element.style.left = `${Math.max(0, left)}px`;
    element.style.top = `${Math.max(0, top)}px`;
  });
  return (
    <div
      ref={box}
      className="tl-tooltip"
      data-testid="timeline-tooltip"
      style={{ left: cursorPx + OFFSET_PX, top: cursorTopPx + OFFSET_PX }}
    >
      <div className="tl-tooltip-time">{formatCursor(info.tMs, info.msPerPx)}</div>
      <dl className="tl-tooltip-context">
        <dt>Phase</dt>
        <dd>{info.phase ? (PHASE_TEXT[info.phase.name] ?? info.phase.name) : '—'}</dd>
        <dt>Bottleneck</dt>
        <dd>
          {info.segment ? (
            <>
              <i className="tl-swatch" style={{ background: `var(--${info.segment.label})` }} />
              {LABEL_TEXT[info.segment.label]}
            </>
          ) : (
            '—'
          )}
        </dd>
        {info.opsLoaded && (
          <>
            <dt>Op</dt>
            <dd>
              {info.op ? `${info.op.name} (${info.op.opType}) ${formatMs(info.op.durationMs)}` : '— (between kernels)'}
            </dd>
          </>
        )}
      </dl>
      <div className="tl-tooltip-tracks">
        {info.tracks.map((track) => (
          <div key={track.group} className="tl-tooltip-track">
            <div className="tl-tooltip-group">{track.label}</div>
            {track.rows.map((row) => (
              <div key={row.label} className="tl-tooltip-row">
                <span>
                  {row.slot !== null && (
                    <i
                      className="tl-swatch"
                      style={{ background: `var(${LINE_COLORS[row.slot % LINE_COLORS.length]})` }}
                    />
                  )}
                  {row.label}
                </span>
                <span className="tl-tooltip-value">{row.text}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
