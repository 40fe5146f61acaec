/**
 * The host's event streams, folded into the store: progress bars move, the sessions
 * list follows starts and ends (from any client of the host), and the open session is
 * re-read as its phases finish and once more when it ends.
 */
import type { ProfilerApi } from '../../../electron/shared/api.js';
import type { Actions } from './actions.js';
import type { AppStore } from './app-store.js';

export function subscribeToHost(api: ProfilerApi, store: AppStore, actions: Actions): () => void {
  const { dispatch, getState } = store;
  const stops = [
    api.onProgress((progress) => {
      if (progress.task === 'calibrate') dispatch({ type: 'machine/progress', progress });
      else dispatch({ type: 'progress', progress });
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
