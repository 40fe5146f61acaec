/**
 * Finds the host: the desktop shell's preload exposes the typed API as
 * `window.modeldyno`; in a browser the web host speaks the same contract over a
 * WebSocket authorised by the one-time token of the URL it printed.
 */
import type { ProfilerApi } from '../../../electron/shared/api.js';
import { connectWebSocket } from './websocket.js';

declare global {
  interface Window {
    modeldyno?: ProfilerApi;
  }
}

export interface Connection {
  api: ProfilerApi;
  /** Called once if the connection is lost; the UI says so instead of hanging. */
  onClose(listener: (reason: string) => void): void;
}

export async function connect(): Promise<Connection> {
  if (window.modeldyno) return { api: window.modeldyno, onClose: () => {} };
  return connectWebSocket();
}
