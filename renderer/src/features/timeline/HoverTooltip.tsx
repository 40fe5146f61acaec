/** The values of every track at the cursor, with the phase, bottleneck and op under it. */
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

export function HoverTooltip(props: { info: HoverInfo; leftPx: number; topPx: number; flip: boolean }) {
  const { info, leftPx, topPx, flip } = props;
  return (
    <div
      className="tl-tooltip"
      data-testid="timeline-tooltip"
      style={{ left: leftPx, top: topPx, transform: flip ? 'translateX(-100%)' : undefined }}
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
  );
}
