/**
 * The app:// scheme the renderer is loaded from. A privileged standard scheme gives the
 * page a real, secure origin (file:// has none, and would let the page read any file),
 * so the CSP's 'self' means the app and nothing else.
 */
import { protocol } from 'electron';
import { serveAppRequest } from './app-request.js';
import { APP_SCHEME } from './app-url.js';

/** Must run before the app's 'ready' event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer build from `rendererDir` on app://modeldyno/. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
