/**
 * The timeline: every sampled series of a session on one time axis, with its phases,
 * its bottleneck segments and (zoomed in) its ONNX Runtime kernels; live while the run
 * goes on, replayable afterwards.
 *
 * Tracks are drawn on <canvas>, not with recharts, because recharts missed both targets
 * when measured (headless Chromium 1280×800 on this project's 2-core VM, one LineChart
 * per track, dot={false}, isAnimationActive={false}, syncId, 1,500 points per series):
 * 12 tracks of one series took 740 ms to render (1,030 ms from navigation) and
 * 180–280 ms per data update; 12 tracks of two series 1,190 ms and 130–250 ms; real
 * tracks hold 2–6 series (and a heat strip of up to 64 cores). Targets: < 1 s to
 * interactive, < 150 ms per zoom. The canvas tracks reduce each series to its pixel
 * columns (charts/columns.ts), so a redraw costs O(width), not O(points); the bench
 * (bench/ui/timeline.ts) measures them.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { AnalysisView, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { ErrorBox, Loading, EmptyState } from '../../components/states.js';
import { Legends } from './Legends.js';
import { Overview } from './Overview.js';
import { LABEL_PX, TimelinePlot } from './TimelinePlot.js';
import { pickDataset } from './model/datasets.js';
import { readout } from './model/readout.js';
import { mergeInfos, mergePhases, sessionSpan } from './model/session-view.js';
import { opAt, phaseAt, segmentAt } from './model/spans.js';
import { buildTracks, drawnSeriesNames } from './model/tracks.js';
import { clampWindow, followWindow, sameWindow, windowText, type TimeWindow } from './model/window.js';
import { useGestures } from './use-gestures.js';
import { useLiveSeries } from './use-live-series.js';
import { OP_LANE_MAX_SPAN_MS, useOps } from './use-ops.js';
import { useStoredSeries } from './use-stored-series.js';
import { useThemeVersion, useWidth } from './use-dom.js';
import { TimelineToolbar } from './TimelineToolbar.js';
import './timeline.css';

export interface TimelineProps {
  api: ProfilerApi;
  sessionId: string;
  live: boolean;
  result: ProfileResult | null;
  analysis: AnalysisView | null;
}

/** While following a live run, the newest two minutes (all of a shorter run). */
const FOLLOW_MS = 120_000;
const EMPTY_WINDOW: TimeWindow = { fromMs: 0, toMs: 1000 };
const SUMMARY_GRACE_MS = 1000;

export function Timeline(props: TimelineProps): JSX.Element {
  const { api, sessionId, live, result, analysis } = props;
  const root = useRef<HTMLDivElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const widthPx = Math.max(0, useWidth(root) - LABEL_PX - 2);
  const themeKey = useThemeVersion();

  const names = useMemo(() => (result ? drawnSeriesNames(buildTracks(result.series)) : undefined), [result]);
  const summaryWaited = useSummaryGrace(result !== null || live);
  const liveSeries = useLiveSeries(api, sessionId, live, names?.length ? names : undefined);
  const stored = useStoredSeries(api, sessionId, !live && summaryWaited, names?.length ? names : undefined, widthPx);
  const infos = useMemo(
    () => mergeInfos(result?.series, stored.infos, liveSeries.infos),
    [result, stored.infos, liveSeries.infos],
  );
  const tracks = useMemo(() => buildTracks(infos), [infos]);
  const liveEnd = live && liveSeries.dataset ? liveSeries.dataset.range.toMs : null;
  const phases = useMemo(
    () => mergePhases(result?.phases ?? [], liveSeries.phases, liveEnd),
    [result, liveSeries.phases, liveEnd],
  );
  const sampleSpan = live ? (liveSeries.dataset?.range ?? null) : (stored.span ?? liveSeries.dataset?.range ?? null);
  // Keyed on the numbers: a new answer for the same span must not move the window.
  const [spanFrom, spanTo] = [sampleSpan?.fromMs ?? null, sampleSpan?.toMs ?? null];
  const span = useMemo(
    () => sessionSpan(spanFrom !== null && spanTo !== null ? { fromMs: spanFrom, toMs: spanTo } : null, phases),
    [spanFrom, spanTo, phases],
  );
  const segments = analysis?.segments ?? result?.segments ?? [];

  const [userWindow, setUserWindow] = useState<TimeWindow | null>(null);
  useEffect(() => setUserWindow(null), [sessionId]);
  const window = useMemo(() => {
    if (!span) return EMPTY_WINDOW;
    if (userWindow) return clampWindow(userWindow, span);
    return live ? followWindow(span, FOLLOW_MS) : span;
  }, [span, userWindow, live]);

  const dataset = live ? liveSeries.dataset : pickDataset([stored.detail, stored.base, liveSeries.dataset], window);
  const resolvedFor =
    live || dataset === liveSeries.dataset ? window : dataset === stored.detail ? stored.detailFor : stored.span;

  const { requestWindow } = stored;
  useEffect(() => {
    if (live || !stored.span || sameWindow(window, stored.span)) return;
    requestWindow(window, widthPx);
  }, [live, window, widthPx, stored.span, requestWindow]);

  const opLaneWanted = span !== null && window.toMs - window.fromMs <= OP_LANE_MAX_SPAN_MS;
  const ops = useOps(api, sessionId, window, span);

  const [hoverPx, setHoverPx] = useState<{ xPx: number; yPx: number } | null>(null);
  const msPerPx = (window.toMs - window.fromMs) / Math.max(widthPx, 1);
  const hoverMs = hoverPx ? window.fromMs + hoverPx.xPx * msPerPx : null;
  const setWindow = useCallback((next: TimeWindow) => setUserWindow(next), []);
  const reset = useCallback(() => setUserWindow(null), []);
  const { brushPx } = useGestures(
    plot,
    root,
    { window, span, widthPx, plotLeftPx: LABEL_PX, hoverMs },
    { setWindow, reset, setHover: setHoverPx },
  );

  const hover =
    hoverPx && hoverMs !== null && dataset && hoverPx.xPx <= widthPx && !brushPx
      ? {
          ...hoverPx,
          info: {
            tMs: hoverMs,
            msPerPx,
            phase: phaseAt(phases, hoverMs),
            segment: segmentAt(segments, hoverMs),
            op: opLaneWanted ? opAt(ops.ops, hoverMs, 2 * msPerPx) : null,
            opsLoaded: opLaneWanted && ops.range !== null,
            tracks: readout(tracks, dataset, hoverMs),
          },
        }
      : null;

  const ready = dataset !== null && tracks.length > 0 && widthPx > 0;
  const marked = useRef<string | null>(null);
  useLayoutEffect(() => {
    // Children's layout effects (the canvas draws) ran before this one.
    if (ready && marked.current !== sessionId) {
      marked.current = sessionId;
      performance.mark('timeline-ready', { detail: { sessionId } });
    }
  }, [ready, sessionId]);

  const overviewSeries = useMemo(() => overviewColumnName(tracks), [tracks]);
  const overviewData = stored.base ?? liveSeries.dataset;
  const error = stored.status === 'error' || (live && liveSeries.error) ? (stored.error ?? liveSeries.error) : null;

  return (
    <div
      className="tl"
      ref={root}
      tabIndex={0}
      data-testid="screen-timeline"
      data-window={windowText(window)}
      data-resolved={resolvedFor ? windowText(resolvedFor) : ''}
      data-ready={ready ? 'true' : 'false'}
      data-live={live ? 'true' : 'false'}
      aria-label="Timeline. Drag to zoom, W and S zoom, A and D pan, 0 resets."
    >
      <TimelineToolbar
        live={live}
        dataset={dataset}
        window={window}
        zoomed={userWindow !== null}
        onReset={reset}
        error={dataset ? (stored.error ?? liveSeries.error) : null}
      />
      <Legends phases={phases} segments={segments} analysed={analysis !== null || result?.segments !== undefined} />
      {!dataset ? (
        <div className="tl-state">
          {error ? (
            <ErrorBox
              error={error}
              action={
                <button type="button" className="btn small" onClick={stored.retry}>
                  Retry
                </button>
              }
            />
          ) : stored.status === 'ready' || (live && liveSeries.version > 0) ? (
            <EmptyState title="No samples in this session">
              The sampler recorded nothing: the run ended before its first reading.
            </EmptyState>
          ) : (
            <Loading label={live ? 'Waiting for the first samples…' : 'Loading samples…'} />
          )}
        </div>
      ) : (
        <>
          {span && (
            <div className="tl-row tl-overview-row">
              <div className="tl-label">Session</div>
              <Overview
                column={overviewData?.columns.get(overviewSeries.name) ?? null}
                yMax={overviewSeries.yMax}
                phases={phases}
                span={span}
                window={window}
                widthPx={widthPx}
                themeKey={themeKey}
                onWindow={setWindow}
              />
            </div>
          )}
          <TimelinePlot
            ref={plot}
            tracks={tracks}
            dataset={dataset}
            window={window}
            widthPx={widthPx}
            phases={phases}
            segments={segments}
            ops={ops}
            opLaneWanted={opLaneWanted}
            paintKey={`${liveSeries.version}:${themeKey}`}
            themeKey={themeKey}
            hover={hover}
            brushPx={brushPx}
          />
        </>
      )}
    </div>
  );
}

/**
 * Whether to stop waiting for the session's summary before asking for its series. The
 * summary names the series the tracks draw; without it every series is asked for (on a
 * 64-core machine ~340 instead of ~90, several MB more), so the first query waits for it,
 * for at most SUMMARY_GRACE_MS (the app asks for both at once; the summary is ~100 ms).
 */
function useSummaryGrace(haveSummary: boolean): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (haveSummary) return;
    const timer = setTimeout(() => setOver(true), SUMMARY_GRACE_MS);
    return () => clearTimeout(timer);
  }, [haveSummary]);
  return haveSummary || over;
}

/** The overview shows the machine's CPU (the first thing read), else the first line series. */
function overviewColumnName(tracks: ReturnType<typeof buildTracks>): { name: string; yMax: number | null } {
  const lanes = tracks.flatMap((t) => t.lanes);
  const machine = lanes.find((l) => l.key === 'cpu.pct')?.series.find((s) => s.name === 'cpu.total.busyPct');
  if (machine) return { name: machine.name, yMax: 100 };
  const line = lanes.find((l) => l.kind === 'line');
  return { name: line?.series[0]?.name ?? '', yMax: line?.fixedMax ?? null };
}
