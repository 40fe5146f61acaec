/**
 * The browser side of the web host's transport: one socket, the shared RPC client.
 *
 * The token arrives once in the URL `modeldyno serve` printed. Loading that page makes
 * the host set an HttpOnly, SameSite=Strict cookie, which every asset request and the
 * socket handshake then carry; page scripts never hold the token, so nothing here
 * stores it, and it is taken out of the address bar (and so out of history and
 * bookmarks) at once.
 */
import type { ServerMessage } from '../../../electron/shared/messages.js';
import { createApiClient } from '../../../electron/shared/rpc-client.js';
import type { Connection } from './connect.js';

/** Removes `?token=…` from the address bar; the host's cookie already holds it. */
export function hideToken(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.toString());
}

const REFUSED =
  'Could not connect to the ModelDyno host. If `modeldyno serve` is still running, open the URL it printed ' +
  '(it carries the access token); this page may be from an older run.';

export function connectWebSocket(): Promise<Connection> {
  hideToken();
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/api`);
  const client = createApiClient({
    send: (message) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the connection to the host is closed');
      socket.send(JSON.stringify(message));
    },
  });
  const closeListeners: Array<(reason: string) => void> = [];
  let opened = false;
  socket.addEventListener('message', (event) => client.receive(JSON.parse(String(event.data)) as ServerMessage));
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => {
      opened = true;
      resolve({ api: client.api, onClose: (listener) => closeListeners.push(listener) });
    });
    socket.addEventListener('close', (event) => {
      // A refused handshake (bad token, foreign origin) reaches a page only as code 1006 before 'open'.
      const reason = opened
        ? `The connection to the host closed (code ${event.code}). Is \`modeldyno serve\` still running?`
        : REFUSED;
      client.fail('internal', reason);
      closeListeners.forEach((listener) => listener(reason));
      if (!opened) reject(new Error(reason));
    });
  });
}
