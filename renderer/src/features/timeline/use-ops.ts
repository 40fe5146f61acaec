/**
 * ONNX Runtime's kernel events for the op lane, asked for only once the window is
 * narrow enough for a kernel to be wider than a pixel or so; the previous answer stays
 * drawn until the next arrives.
 */
import { useEffect, useRef, useState } from 'react';
import type { OpWindow, ProfilerApi } from '../../../../electron/shared/api.js';
import type { OpEvent } from '../../../../electron/shared/session.js';
import { LatestOnly } from './model/latest-only.js';
import { sortOps } from './model/spans.js';
import { paddedWindow, spanOf, type TimeWindow } from './model/window.js';

/** The op lane appears below this window width: wider, a 1 ms kernel is under a pixel at 1280 px. */
export const OP_LANE_MAX_SPAN_MS = 2_000;
/** Events per answer at most; beyond it the lane says how many were left out. */
const OP_LIMIT = 5_000;

export interface OpLaneData {
  /** Sorted by start. */
  ops: OpEvent[];
  omitted: number;
  range: TimeWindow | null;
  loading: boolean;
}

export function useOps(api: ProfilerApi, sessionId: string, window: TimeWindow, span: TimeWindow | null): OpLaneData {
  const [data, setData] = useState<OpLaneData>({ ops: [], omitted: 0, range: null, loading: false });
  const fetcher = useRef<LatestOnly<TimeWindow, OpWindow> | null>(null);

  useEffect(() => {
    const latest = new LatestOnly<TimeWindow, OpWindow>(
      (range) => api.queryOps({ sessionId, fromMs: range.fromMs, toMs: range.toMs, limit: OP_LIMIT }),
      (answer, range) => setData({ ops: sortOps(answer.ops), omitted: answer.omitted, range, loading: false }),
      // Sessions without op profiling answer with no events; a failure reads the same: no lane.
      () => setData({ ops: [], omitted: 0, range: null, loading: false }),
    );
    fetcher.current = latest;
    setData({ ops: [], omitted: 0, range: null, loading: false });
    return () => latest.dispose();
  }, [api, sessionId]);

  const wanted = span !== null && spanOf(window) <= OP_LANE_MAX_SPAN_MS;
  const { fromMs, toMs } = window;
  useEffect(() => {
    if (!wanted || !span) return;
    const range = paddedWindow({ fromMs, toMs }, span, 0.5);
    setData((d) => (d.loading ? d : { ...d, loading: true }));
    fetcher.current?.request(range);
  }, [wanted, fromMs, toMs, span]);

  return wanted ? data : { ops: [], omitted: 0, range: null, loading: false };
}
