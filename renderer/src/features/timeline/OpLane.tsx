/** ONNX Runtime kernels as boxes on the session clock, coloured by op type, named where they fit. */
import { memo, useLayoutEffect, useRef } from 'react';
import type { OpEvent } from '../../../../electron/shared/session.js';
import { prepareCanvas } from '../../charts/canvas.js';
import { opTypeSlot } from './model/spans.js';
import type { TimeWindow } from './model/window.js';

/** Eight mid-tone hues that read on both themes' panels, with dark names on them; op types hash onto them. */
export const OP_COLORS = ['#5aa9ff', '#ff7a45', '#b07cff', '#35c3d9', '#f0c000', '#ff4d8d', '#4cc38a', '#c08a5a'];
export const OP_LANE_PX = 22;

export const OpLane = memo(function OpLane(props: { ops: readonly OpEvent[]; window: TimeWindow; widthPx: number }) {
  const { ops, window, widthPx } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (!canvas.current || widthPx <= 0) return;
    const ctx = prepareCanvas(canvas.current, widthPx, OP_LANE_PX);
    const perMs = widthPx / Math.max(window.toMs - window.fromMs, 1e-9);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const op of ops) {
      const left = (op.startMs - window.fromMs) * perMs;
      const right = (op.startMs + op.durationMs - window.fromMs) * perMs;
      if (right < 0 || left > widthPx) continue;
      const width = Math.max(1, right - left);
      ctx.fillStyle = OP_COLORS[opTypeSlot(op.opType, OP_COLORS.length)]!;
      ctx.fillRect(left, 2, width, OP_LANE_PX - 4);
      if (width > 40) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, 0, width, OP_LANE_PX);
        ctx.clip();
        ctx.fillStyle = '#111';
        ctx.fillText(op.opType, Math.max(left, 0) + 3, OP_LANE_PX / 2);
        ctx.restore();
      }
    }
  }, [ops, window, widthPx]);
  return (
    <canvas ref={canvas} className="tl-op-lane" data-testid="op-lane" style={{ width: widthPx, height: OP_LANE_PX }} />
  );
});
