/**
 * The Compression screen's slice of the state: the list of experiments, the one open,
 * and the newest progress of a running one. Its own reducer, over its own slice, so it
 * is tested without the rest of the app's state.
 */
import type { ProgressEvent } from '../../../electron/shared/api.js';
import type { CompressionSummary, CompressionView } from '../../../electron/shared/compress.js';
import type { ErrorInfo } from '../../../electron/shared/errors.js';

/** A value fetched from the host: absent, on its way, there, or failed (as `Loadable` in store.ts). */
interface Fetched<T> {
  data: T | null;
  loading: boolean;
  error: ErrorInfo | null;
}

export interface CompressState {
  /** The experiment on screen (`#/compress/<id>`); null shows the list and the new-experiment form. */
  experimentId: string | null;
  view: Fetched<CompressionView>;
  list: Fetched<CompressionSummary[]>;
  /** The newest `compress` progress event, of whichever experiment sent it. */
  progress: ProgressEvent | null;
  /** The runs of the profile the running experiment is taking (its session named by `progress`). */
  profileProgress: ProgressEvent | null;
}

export type CompressAction =
  | { type: 'compress/open'; experimentId: string | null }
  | { type: 'compress/view-loading'; experimentId: string }
  | { type: 'compress/view'; experimentId: string; view: CompressionView }
  | { type: 'compress/view-failed'; experimentId: string; error: ErrorInfo }
  | { type: 'compress/list-loading' }
  | { type: 'compress/list'; list: CompressionSummary[] }
  | { type: 'compress/list-failed'; error: ErrorInfo }
  | { type: 'compress/progress'; progress: ProgressEvent }
  | { type: 'compress/profile-progress'; progress: ProgressEvent };

const idle = <T>(): Fetched<T> => ({ data: null, loading: false, error: null });

export function initialCompressState(): CompressState {
  return { experimentId: null, view: idle(), list: idle(), progress: null, profileProgress: null };
}

export function reduceCompress(state: CompressState, action: CompressAction): CompressState {
  // An answer about an experiment the user has since left is dropped.
  const current = (id: string) => id === state.experimentId;
  switch (action.type) {
    case 'compress/open':
      if (action.experimentId === state.experimentId) return state;
      return {
        ...state,
        experimentId: action.experimentId,
        view: action.experimentId ? { data: null, loading: true, error: null } : idle(),
      };
    case 'compress/view-loading':
      return current(action.experimentId) ? { ...state, view: { ...state.view, loading: true } } : state;
    case 'compress/view':
      return current(action.experimentId)
        ? { ...state, view: { data: action.view, loading: false, error: null } }
        : state;
    case 'compress/view-failed':
      if (!current(action.experimentId)) return state;
      return { ...state, view: { data: state.view.data, loading: false, error: action.error } };
    case 'compress/list-loading':
      return { ...state, list: { ...state.list, loading: true } };
    case 'compress/list':
      return { ...state, list: { data: action.list, loading: false, error: null } };
    case 'compress/list-failed':
      return { ...state, list: { data: state.list.data, loading: false, error: action.error } };
    case 'compress/progress':
      // A new step (or the same step, now with its session) starts its runs from nothing.
      return { ...state, progress: action.progress, profileProgress: null };
    case 'compress/profile-progress':
      return action.progress.sessionId !== null && action.progress.sessionId === state.progress?.sessionId
        ? { ...state, profileProgress: action.progress }
        : state;
  }
}
