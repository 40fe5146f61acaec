/**
 * The address bar follows what is on screen — `#/session/<id>/<screen>`, `#/<screen>`,
 * or `#/compress/<experiment-id>` — so a session's timeline or a compression experiment
 * can be bookmarked, reloaded, or opened from a link the CLI or a colleague gives, and
 * Back returns to the previous screen.
 */
import { SCREENS, type ScreenId } from './screens.js';

export interface Route {
  sessionId: string | null;
  screen: ScreenId;
  /** The compression experiment on the Compression screen; null there shows the list. */
  experimentId: string | null;
}

const isScreen = (id: string | undefined): id is ScreenId => SCREENS.some((s) => s.id === id);
/** The same shape the host accepts for a session or experiment id. */
const ID = /^[A-Za-z0-9_.-]+$/;
const isId = (id: string | undefined): id is string => !!id && ID.test(id) && id !== '.' && id !== '..';

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'session') {
    const [, id, screen] = parts;
    if (!isId(id)) return null;
    return { sessionId: id, screen: isScreen(screen) ? screen : 'timeline', experimentId: null };
  }
  // Experiments are not sessions: the Compression screen's address never names the open session.
  if (parts[0] === 'compress' && parts.length > 1) {
    const [, id] = parts;
    if (id === '' && parts.length === 2) return { sessionId: null, screen: 'compress', experimentId: null };
    return isId(id) ? { sessionId: null, screen: 'compress', experimentId: id } : null;
  }
  return isScreen(parts[0]) ? { sessionId: null, screen: parts[0], experimentId: null } : null;
}

export function formatRoute(route: Route): string {
  if (route.screen === 'compress')
    return route.experimentId ? `#/compress/${encodeURIComponent(route.experimentId)}` : '#/compress';
  return route.sessionId ? `#/session/${encodeURIComponent(route.sessionId)}/${route.screen}` : `#/${route.screen}`;
}
