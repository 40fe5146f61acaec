/**
 * A running session's samples and phases as they arrive. Subscribes before asking the
 * engine for the run so far, so nothing falls between the two; repaints at most every
 * REDRAW_MS (a 100 Hz sampler would otherwise ask for 100 renders a second).
 */
import { useEffect, useRef, useState } from 'react';
import type { ProfilerApi } from '../../../../electron/shared/api.js';
import type { SeriesInfo } from '../../../../electron/shared/sample.js';
import { datasetFromWindow, type Dataset } from './model/datasets.js';
import { LiveBuffer } from './model/live-buffer.js';
import { applyPhaseEvent, type PhaseSpan } from './model/spans.js';
import { errorInfo, type TimelineError } from './errors.js';

/** Ten repaints a second: smooth enough to read, cheap enough to leave the run alone. */
export const REDRAW_MS = 100;

export interface LiveSeries {
  /** The session this state is of; another session's buffer is never shown. */
  sessionId: string | null;
  infos: SeriesInfo[];
  dataset: Dataset | null;
  /** Phases that started or ended while subscribed. */
  phases: PhaseSpan[];
  /** Bumps on every repaint: the buffer's arrays change in place. */
  version: number;
  error: TimelineError | null;
}

/**
 * Points per series of the run so far, asked for once when the timeline opens on a run
 * under way: enough for the followed window, bounded however long the run has gone.
 */
const CATCH_UP_POINTS = 4000;

export function useLiveSeries(
  api: ProfilerApi,
  sessionId: string,
  enabled: boolean,
  names: string[] | undefined,
): LiveSeries {
  const [state, setState] = useState<LiveSeries>(empty);
  // Read once, at the catch-up: a summary arriving later must not restart the subscription.
  const namesRef = useRef(names);
  namesRef.current = names;

  useEffect(() => {
    if (!enabled) return;
    const buffer = new LiveBuffer();
    let phases: PhaseSpan[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seeded = false;
    const queued: Parameters<Parameters<ProfilerApi['onSample']>[0]>[0][] = [];
    let version = 0;
    const publish = () => {
      timer = null;
      version++;
      setState({
        sessionId,
        infos: [...buffer.infos.values()],
        dataset: buffer.dataset(),
        phases,
        version,
        error: null,
      });
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(publish, REDRAW_MS);
    };
    const stopSamples = api.onSample((event) => {
      if (event.sessionId !== sessionId) return;
      if (!seeded) {
        queued.push(event);
        return;
      }
      buffer.describe(event.newSeries);
      if (buffer.append(event.sample)) schedule();
    });
    const stopPhases = api.onPhase((event) => {
      if (event.sessionId !== sessionId) return;
      phases = applyPhaseEvent(phases, event);
      schedule();
    });
    api.querySeries({ sessionId, names: namesRef.current, maxPoints: CATCH_UP_POINTS }).then(
      (soFar) => {
        buffer.describe(soFar.series.map((s) => s.info));
        buffer.seed(datasetFromWindow(soFar).columns);
        seeded = true;
        for (const event of queued.splice(0)) {
          buffer.describe(event.newSeries);
          buffer.append(event.sample);
        }
        publish();
      },
      (error: unknown) => {
        // The live events still arrive: draw from them alone and say what is missing.
        seeded = true;
        setState((s) => ({ ...s, sessionId, error: errorInfo(error) }));
      },
    );
    return () => {
      stopSamples();
      stopPhases();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, sessionId, enabled]);

  return state.sessionId === sessionId ? state : empty;
}

const empty: LiveSeries = { sessionId: null, infos: [], dataset: null, phases: [], version: 0, error: null };
