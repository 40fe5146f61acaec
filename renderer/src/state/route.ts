/**
 * The address bar follows what is on screen — `#/session/<id>/<screen>` or `#/<screen>` —
 * so a session's timeline can be bookmarked, reloaded, or opened from a link the CLI or
 * a colleague gives, and Back returns to the previous screen.
 */
import { SCREENS, type ScreenId } from './screens.js';

export interface Route {
  sessionId: string | null;
  screen: ScreenId;
}

const isScreen = (id: string | undefined): id is ScreenId => SCREENS.some((s) => s.id === id);
/** The same shape the host accepts for a session id. */
const SESSION_ID = /^[A-Za-z0-9_.-]+$/;

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'session') {
    const [, id, screen] = parts;
    if (!id || !SESSION_ID.test(id) || id === '.' || id === '..') return null;
    return { sessionId: id, screen: isScreen(screen) ? screen : 'timeline' };
  }
  return isScreen(parts[0]) ? { sessionId: null, screen: parts[0] } : null;
}

export function formatRoute(route: Route): string {
  return route.sessionId ? `#/session/${encodeURIComponent(route.sessionId)}/${route.screen}` : `#/${route.screen}`;
}
