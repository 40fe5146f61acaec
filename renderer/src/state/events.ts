/**
 * The host's event streams, folded into the store: progress bars move, the sessions
 * list follows starts and ends (from any client of the host), the open session is
 * re-read as its phases finish and once more when it ends, and the open compression
 * experiment is re-read as its steps go by.
 */
import type { ProfilerApi, ProgressEvent } from '../../../electron/shared/api.js';
import { isFinalStep } from '../features/compress/experiment-steps.js';
import type { Actions } from './actions.js';
import type { AppStore } from './app-store.js';

/**
 * Re-reading an experiment reads every profiled session of it: at most this often while
 * it runs, however fast steps follow each other (a failing variant's steps take
 * milliseconds). The last request always runs, so the final state is never missed.
 */
export const COMPRESS_REFRESH_MS = 500;

/** `run` at most once per `ms`, the last call of a burst run at the end of its window. */
function throttled(run: () => void, ms: number): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer !== null) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      run();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      run();
    }, wait);
  };
}

export function subscribeToHost(api: ProfilerApi, store: AppStore, actions: Actions): () => void {
  const { dispatch, getState } = store;
  const refreshExperiment = throttled(() => void actions.refreshCompression(), COMPRESS_REFRESH_MS);
  const onCompressProgress = (progress: ProgressEvent) => {
    dispatch({ type: 'compress/progress', progress });
    // The list shows an experiment as running from its first step and as ended after its last.
    if (progress.done === 0 || isFinalStep(progress.step)) void actions.refreshCompressions();
    if (progress.experimentId !== undefined && progress.experimentId === getState().compress.experimentId)
      refreshExperiment();
  };
  const stops = [
    api.onProgress((progress) => {
      // A compression experiment's own events carry the session it is profiling: they are not that profile's progress.
      if (progress.task === 'calibrate') dispatch({ type: 'machine/progress', progress });
      else if (progress.task === 'compress') onCompressProgress(progress);
      else {
        dispatch({ type: 'progress', progress });
        // The runs of a profile an experiment is taking move the experiment's second bar.
        dispatch({ type: 'compress/profile-progress', progress });
      }
    }),
    api.onPhase((event) => {
      if (event.state === 'end' && event.sessionId === getState().sessionId) void actions.refreshResult();
    }),
    api.onSessionChange((change) => {
      void actions.refreshSessions();
      if (change.sessionId !== getState().sessionId) return;
      if (change.change === 'deleted') dispatch({ type: 'session/close' });
      if (change.change === 'ended') {
        dispatch({ type: 'session/ended', sessionId: change.sessionId });
        void actions.refreshResult();
      }
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
