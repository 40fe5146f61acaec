/**
 * A finished (or not followed) session's series from the engine: one coarse answer for
 * the whole session (the overview, and what is drawn until anything finer arrives),
 * then one answer per visible window, asked at about two points per pixel column.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfilerApi, SeriesWindow } from '../../../../electron/shared/api.js';
import type { SeriesInfo } from '../../../../electron/shared/sample.js';
import { datasetFromWindow, type Dataset } from './model/datasets.js';
import { LatestOnly } from './model/latest-only.js';
import { paddedWindow, spanOf, type TimeWindow } from './model/window.js';
import { errorInfo, type TimelineError } from './errors.js';

/** Each side of a window query reaches this share of the window further, so small pans stay sharp. */
const PAD_SHARE = 0.15;
/** The engine's cap on points per series (API_ARGS.querySeries). */
const MAX_POINTS = 20_000;

export interface StoredSeries {
  /** The session this state is of: a new session id starts from nothing, never from the last one's data. */
  sessionId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: TimelineError | null;
  infos: SeriesInfo[];
  span: TimeWindow | null;
  base: Dataset | null;
  detail: Dataset | null;
  /** The visible window the detail was asked for. */
  detailFor: TimeWindow | null;
  /** Asks for the window at full resolution (coalesced: only the newest waits). */
  requestWindow(window: TimeWindow, widthPx: number): void;
  retry(): void;
}

/** Points per series for a query: two per pixel column of the visible part (min and max). */
export function pointsFor(widthPx: number, query: TimeWindow, visible: TimeWindow): number {
  const share = spanOf(visible) > 0 ? spanOf(query) / spanOf(visible) : 1;
  return Math.max(64, Math.min(MAX_POINTS, Math.round(2 * widthPx * share)));
}

export function useStoredSeries(
  api: ProfilerApi,
  sessionId: string,
  enabled: boolean,
  names: string[] | undefined,
  widthPx: number,
): StoredSeries {
  const [state, setState] = useState<Omit<StoredSeries, 'requestWindow' | 'retry'>>(initial);
  const [attempt, setAttempt] = useState(0);
  const fetcher = useRef<LatestOnly<{ query: TimeWindow; visible: TimeWindow; points: number }, SeriesWindow> | null>(
    null,
  );
  const namesKey = names?.join('\n') ?? '*';
  // The width is read once per load (a resize refines through the window requests), so
  // only its becoming known starts a load.
  const hasWidth = widthPx > 0;
  const widthRef = useRef(widthPx);
  widthRef.current = widthPx;

  useEffect(() => {
    if (!enabled || !hasWidth) return;
    let cancelled = false;
    const wanted = namesKey === '*' ? undefined : namesKey.split('\n');
    setState((s) =>
      s.sessionId === sessionId
        ? { ...s, status: s.base ? s.status : 'loading', error: null }
        : { ...initial, sessionId, status: 'loading' },
    );
    api
      .querySeries({ sessionId, names: wanted, maxPoints: Math.min(MAX_POINTS, Math.round(2 * widthRef.current)) })
      .then(
        (answer) => {
          if (cancelled) return;
          const span = { fromMs: answer.spanMs.startMs, toMs: answer.spanMs.endMs };
          setState({
            sessionId,
            status: 'ready',
            error: null,
            infos: answer.series.map((s) => s.info),
            span,
            base: datasetFromWindow(answer),
            detail: null,
            detailFor: null,
          });
        },
        (error: unknown) => {
          if (!cancelled) setState((s) => ({ ...s, status: 'error', error: errorInfo(error) }));
        },
      );
    const latest = new LatestOnly<{ query: TimeWindow; visible: TimeWindow; points: number }, SeriesWindow>(
      ({ query, points }) =>
        api.querySeries({ sessionId, names: wanted, fromMs: query.fromMs, toMs: query.toMs, maxPoints: points }),
      (answer, { visible }) => setState((s) => ({ ...s, detail: datasetFromWindow(answer), detailFor: visible })),
      // A window that fails to load keeps the coarser data drawn; the next zoom asks again.
      (error: unknown) => setState((s) => ({ ...s, error: errorInfo(error) })),
    );
    fetcher.current = latest;
    return () => {
      cancelled = true;
      latest.dispose();
    };
  }, [api, sessionId, enabled, namesKey, attempt, hasWidth]);

  const current = state.sessionId === sessionId ? state : initial;
  const span = current.span;
  const requestWindow = useCallback(
    (visible: TimeWindow, width: number) => {
      if (!span || width <= 0) return;
      const query = paddedWindow(visible, span, PAD_SHARE);
      fetcher.current?.request({ query, visible, points: pointsFor(width, query, visible) });
    },
    [span],
  );
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...current, requestWindow, retry };
}

const initial: Omit<StoredSeries, 'requestWindow' | 'retry'> = {
  sessionId: null,
  status: 'idle',
  error: null,
  infos: [],
  span: null,
  base: null,
  detail: null,
  detailFor: null,
};
