/**
 * The two band layers: phases as tinted columns through every track (few, so DOM
 * elements each naming its phase), and the bottleneck segments as one coloured row
 * under the axis (hundreds when op-level stretches are painted, so a canvas).
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { Segment } from '../../../../electron/shared/analysis.js';
import { prepareCanvas, themeColors } from '../../charts/canvas.js';
import { PHASE_TEXT } from '../../components/labels.js';
import { paintOrder, type PhaseSpan } from './model/spans.js';
import type { TimeWindow } from './model/window.js';

export const PhaseBands = memo(function PhaseBands(props: {
  phases: readonly PhaseSpan[];
  window: TimeWindow;
  widthPx: number;
}) {
  const { phases, window, widthPx } = props;
  const perMs = widthPx / Math.max(window.toMs - window.fromMs, 1e-9);
  return (
    <div className="tl-phase-bands" data-testid="phase-bands" style={{ width: widthPx }}>
      {phases.map((phase) => {
        const left = Math.max(0, (phase.startMs - window.fromMs) * perMs);
        const right = Math.min(widthPx, (phase.endMs - window.fromMs) * perMs);
        if (right <= 0 || left >= widthPx) return null;
        const width = Math.max(1, right - left);
        return (
          <div
            key={`${phase.name}@${phase.startMs}`}
            className="tl-phase-band"
            data-phase={phase.name}
            title={PHASE_TEXT[phase.name] ?? phase.name}
            style={{ left, width, ['--band' as string]: `var(--phase-${phase.name}, var(--muted))` }}
          >
            {width > 36 && <span className="tl-phase-name">{PHASE_TEXT[phase.name] ?? phase.name}</span>}
          </div>
        );
      })}
    </div>
  );
});

const SEGMENT_COLORS = [
  '--compute',
  '--memory-bandwidth',
  '--memory-capacity',
  '--storage',
  '--communication',
  '--underutilised',
];

export const BottleneckBand = memo(function BottleneckBand(props: {
  segments: readonly Segment[];
  window: TimeWindow;
  widthPx: number;
  heightPx: number;
  themeKey: number;
}) {
  const { segments, window, widthPx, heightPx, themeKey } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const ordered = useMemo(() => paintOrder(segments), [segments]);
  useLayoutEffect(() => {
    if (!canvas.current || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas.current, widthPx, heightPx);
    const colors = themeColors(SEGMENT_COLORS);
    const perMs = widthPx / Math.max(window.toMs - window.fromMs, 1e-9);
    for (const segment of ordered) {
      if (segment.endMs < window.fromMs || segment.startMs > window.toMs) continue;
      const left = Math.max(0, (segment.startMs - window.fromMs) * perMs);
      const right = Math.min(widthPx, (segment.endMs - window.fromMs) * perMs);
      ctx.fillStyle = colors[`--${segment.label}`] ?? '#888';
      // Sub-pixel stretches keep their width: the canvas blends them by coverage, so a
      // 0.1 ms kernel among 3 ms ones tints its pixel instead of claiming all of it.
      ctx.fillRect(left, 0, right - left, heightPx);
    }
  }, [ordered, window, widthPx, heightPx, themeKey]);
  return (
    <div className="tl-bottleneck-band" data-testid="bottleneck-bands" data-segments={segments.length}>
      <canvas ref={canvas} style={{ width: widthPx, height: heightPx }} />
    </div>
  );
});
