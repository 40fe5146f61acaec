/**
 * The renderer's state: what is connected, which model and session are open, what the
 * host said about them, and the progress of long steps. One reducer, so every screen
 * reads the same facts; async work lives in `actions.ts`.
 */
import type {
  AnalysisView,
  HostInfo,
  ModelOverview,
  ProgressEvent,
  SessionSummary,
} from '../../../electron/shared/api.js';
import type { MachineProfile } from '../../../electron/shared/analysis.js';
import type { ErrorInfo } from '../../../electron/shared/errors.js';
import type { ProfileResult } from '../../../electron/shared/session.js';
import { type CompressAction, type CompressState, initialCompressState, reduceCompress } from './compress-store.js';
import { loadRunForm, type RunForm } from './run-form.js';
import { SCREENS, type ScreenId } from './screens.js';

export type Theme = 'dark' | 'light';

/** A value fetched from the host: absent, on its way, there, or failed. */
export interface Loadable<T> {
  data: T | null;
  loading: boolean;
  error: ErrorInfo | null;
}

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export interface AppState {
  /** Why the connection to the host was lost; null while it holds. */
  connectionLost: string | null;
  host: HostInfo | null;
  theme: Theme;
  screen: ScreenId;
  overlay: 'shortcuts' | null;
  modelPath: string | null;
  model: Loadable<ModelOverview>;
  sessionId: string | null;
  result: Loadable<ProfileResult>;
  analysis: Loadable<AnalysisView>;
  /** The current session is still running: its views follow the host's events. */
  live: boolean;
  /** The newest profile progress of the current session. */
  progress: ProgressEvent | null;
  /** `startProfile` is on its way to the host. */
  starting: boolean;
  sessions: Loadable<SessionSummary[]>;
  machine: Loadable<MachineProfile | null> & { calibrating: boolean; progress: ProgressEvent | null };
  form: RunForm;
  compress: CompressState;
  notice: Notice | null;
}

const idle = <T>(): Loadable<T> => ({ data: null, loading: false, error: null });
const loading = <T>(): Loadable<T> => ({ data: null, loading: true, error: null });

export function initialState(theme: Theme): AppState {
  return {
    connectionLost: null,
    host: null,
    theme,
    screen: 'start',
    overlay: null,
    modelPath: null,
    model: idle(),
    sessionId: null,
    result: idle(),
    analysis: idle(),
    live: false,
    progress: null,
    starting: false,
    sessions: loading(),
    machine: { ...idle(), calibrating: false, progress: null },
    form: loadRunForm(),
    compress: initialCompressState(),
    notice: null,
  };
}

export type Action =
  | { type: 'connection/lost'; reason: string }
  | { type: 'host'; host: HostInfo }
  | { type: 'theme'; theme: Theme }
  | { type: 'screen'; screen: ScreenId }
  | { type: 'overlay'; overlay: AppState['overlay'] }
  | { type: 'notice'; notice: Notice | null }
  | { type: 'model/open'; path: string }
  | { type: 'model/loaded'; path: string; overview: ModelOverview }
  | { type: 'model/failed'; path: string; error: ErrorInfo }
  | { type: 'session/open'; sessionId: string; live: boolean }
  | { type: 'session/close' }
  | { type: 'session/result'; sessionId: string; result: ProfileResult }
  | { type: 'session/result-failed'; sessionId: string; error: ErrorInfo }
  | { type: 'session/analysis-loading'; sessionId: string }
  | { type: 'session/analysis'; sessionId: string; analysis: AnalysisView }
  | { type: 'session/analysis-failed'; sessionId: string; error: ErrorInfo }
  | { type: 'session/ended'; sessionId: string }
  | { type: 'progress'; progress: ProgressEvent }
  | { type: 'start/pending'; pending: boolean }
  | { type: 'sessions/loading' }
  | { type: 'sessions/loaded'; sessions: SessionSummary[] }
  | { type: 'sessions/failed'; error: ErrorInfo }
  | { type: 'machine/loading' }
  | { type: 'machine/loaded'; profile: MachineProfile | null }
  | { type: 'machine/failed'; error: ErrorInfo }
  | { type: 'machine/calibrating' }
  | { type: 'machine/progress'; progress: ProgressEvent }
  | { type: 'form'; form: RunForm }
  | CompressAction;

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'connection/lost':
      return { ...state, connectionLost: action.reason, live: false, starting: false };
    case 'host':
      return { ...state, host: action.host };
    case 'theme':
      return { ...state, theme: action.theme };
    case 'screen':
      return SCREENS.some((s) => s.id === action.screen) ? { ...state, screen: action.screen } : state;
    case 'overlay':
      return { ...state, overlay: action.overlay };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'form':
      return { ...state, form: action.form };
    default:
      return (
        reduceModel(state, action) ??
        reduceSession(state, action) ??
        reduceLists(state, action) ??
        reduceCompressSlice(state, action) ??
        state
      );
  }
}

function reduceModel(state: AppState, action: Action): AppState | null {
  switch (action.type) {
    case 'model/open':
      return { ...state, modelPath: action.path, model: loading() };
    case 'model/loaded':
      // A slower answer for a model the user has since left is dropped.
      if (action.path !== state.modelPath) return state;
      return { ...state, model: { data: action.overview, loading: false, error: null } };
    case 'model/failed':
      if (action.path !== state.modelPath) return state;
      return { ...state, model: { data: null, loading: false, error: action.error } };
    default:
      return null;
  }
}

function reduceSession(state: AppState, action: Action): AppState | null {
  const current = (id: string) => id === state.sessionId;
  switch (action.type) {
    case 'session/open':
      return {
        ...state,
        sessionId: action.sessionId,
        live: action.live,
        progress: null,
        result: loading(),
        analysis: idle(),
      };
    case 'session/close':
      return { ...state, sessionId: null, live: false, progress: null, result: idle(), analysis: idle() };
    case 'session/result':
      if (!current(action.sessionId)) return state;
      return {
        ...state,
        result: { data: action.result, loading: false, error: null },
        live: state.live && action.result.status === 'running',
      };
    case 'session/result-failed':
      if (!current(action.sessionId)) return state;
      return { ...state, result: { data: state.result.data, loading: false, error: action.error } };
    case 'session/analysis-loading':
      if (!current(action.sessionId)) return state;
      return { ...state, analysis: { data: state.analysis.data, loading: true, error: null } };
    case 'session/analysis':
      if (!current(action.sessionId)) return state;
      return { ...state, analysis: { data: action.analysis, loading: false, error: null } };
    case 'session/analysis-failed':
      if (!current(action.sessionId)) return state;
      return { ...state, analysis: { data: null, loading: false, error: action.error } };
    case 'session/ended':
      if (!current(action.sessionId)) return state;
      return { ...state, live: false };
    case 'progress':
      if (action.progress.task !== 'profile' || !current(action.progress.sessionId ?? '')) return state;
      return { ...state, progress: action.progress };
    case 'start/pending':
      return { ...state, starting: action.pending };
    default:
      return null;
  }
}

function reduceLists(state: AppState, action: Action): AppState | null {
  switch (action.type) {
    case 'sessions/loading':
      return { ...state, sessions: { ...state.sessions, loading: true } };
    case 'sessions/loaded':
      return { ...state, sessions: { data: action.sessions, loading: false, error: null } };
    case 'sessions/failed':
      return { ...state, sessions: { data: state.sessions.data, loading: false, error: action.error } };
    case 'machine/loading':
      return { ...state, machine: { ...state.machine, loading: true, error: null } };
    case 'machine/loaded':
      return {
        ...state,
        machine: { data: action.profile, loading: false, error: null, calibrating: false, progress: null },
      };
    case 'machine/failed':
      return { ...state, machine: { ...state.machine, loading: false, calibrating: false, error: action.error } };
    case 'machine/calibrating':
      return { ...state, machine: { ...state.machine, calibrating: true, error: null, progress: null } };
    case 'machine/progress':
      return { ...state, machine: { ...state.machine, progress: action.progress } };
    default:
      return null;
  }
}

function reduceCompressSlice(state: AppState, action: Action): AppState | null {
  if (!action.type.startsWith('compress/')) return null;
  const compress = reduceCompress(state.compress, action as CompressAction);
  return compress === state.compress ? state : { ...state, compress };
}
