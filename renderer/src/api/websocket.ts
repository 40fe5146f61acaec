/** The browser side of the web host's transport: one socket, the shared RPC client. */
import type { ServerMessage } from '../../../electron/shared/api.js';
import { createApiClient } from '../../../electron/shared/rpc-client.js';
import type { Connection } from './connect.js';

const TOKEN_KEY = 'modeldyno.token';

/** The token arrives once in the URL (`?token=…`); it is kept for the tab and taken out of the address bar. */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function connectWebSocket(): Promise<Connection> {
  const token = takeToken() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
  const client = createApiClient({
    send: (message) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the connection to the host is closed');
      socket.send(JSON.stringify(message));
    },
  });
  const closeListeners: Array<(reason: string) => void> = [];
  socket.addEventListener('message', (event) => client.receive(JSON.parse(String(event.data)) as ServerMessage));
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () =>
      resolve({ api: client.api, onClose: (listener) => closeListeners.push(listener) }),
    );
    socket.addEventListener('close', (event) => {
      const reason =
        event.code === 4401 || event.code === 1008
          ? 'The host refused the token. Open the URL `modeldyno serve` printed (it carries the token).'
          : `The connection to the host closed (code ${event.code}). Is \`modeldyno serve\` still running?`;
      client.fail('internal', reason);
      closeListeners.forEach((listener) => listener(reason));
      reject(new Error(reason));
    });
  });
}
