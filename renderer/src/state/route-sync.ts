/** Keeps the address bar and the store in step (see route.ts): on load, on Back/Forward, on every screen change. */
import type { Actions } from './actions.js';
import type { AppStore } from './app-store.js';
import { formatRoute, parseRoute, type Route } from './route.js';

export function followRoute(store: AppStore, actions: Actions): void {
  const apply = (route: Route | null) => {
    if (!route) return;
    const state = store.getState();
    if (route.screen === 'compress') {
      if (route.experimentId !== state.compress.experimentId || state.screen !== 'compress')
        void actions.openCompression(route.experimentId);
    } else if (route.sessionId && route.sessionId !== state.sessionId)
      void actions.openSession(route.sessionId, route.screen);
    else if (route.screen !== state.screen) store.dispatch({ type: 'screen', screen: route.screen });
  };
  apply(parseRoute(window.location.hash));
  // Back and Forward between our own entries fire popstate; a hand-edited address fires hashchange.
  const onNavigate = () => apply(parseRoute(window.location.hash));
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
  store.subscribe(() => {
    const { sessionId, screen, compress } = store.getState();
    const hash = formatRoute({ sessionId, screen, experimentId: compress.experimentId });
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  });
}
