/** A Node WebSocket client of the web host, as a browser tab would connect, and raw HTTP requests. */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import type { ServerMessage } from '../../../electron/shared/messages.js';
import { createApiClient } from '../../../electron/shared/rpc-client.js';
import type { WebHost } from '../../../electron/hosts/web/server.js';
import type { ProfilerApi } from '../../../electron/shared/api.js';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent exactly as given (no normalising of `..`) and any Host header. */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket, or rejects with the HTTP status of the refused handshake. */
export function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export const originOf = (host: WebHost) => new URL(host.url).origin;

/** The ProfilerApi over a real socket to `host`, authorised by the token query and this origin. */
export async function connectApi(host: WebHost): Promise<{ api: ProfilerApi; socket: WebSocket }> {
  const socket = await openSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { Origin: originOf(host) });
  const client = createApiClient({ send: (message) => socket.send(JSON.stringify(message)) });
  socket.on('message', (data) => client.receive(JSON.parse(String(data)) as ServerMessage));
  socket.on('close', (code) => client.fail('internal', `the socket closed (${code}).`));
  return { api: client.api, socket };
}

export interface RawExchange {
  /** Everything the server wrote before it closed the connection (or the wait ran out). */
  reply: string;
  /** The server closed the connection. */
  closed: boolean;
}

/**
 * Writes bytes over a plain TCP connection, as a client that does not speak HTTP would,
 * then reads until the server closes. `trickle` is written every `trickleMs` until then:
 * a request that never ends. Gives up after `waitMs`, with `closed` false.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  options: { trickle?: string; trickleMs?: number; waitMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const deadline = setTimeout(() => finish(false), options.waitMs ?? 10_000);
    socket.on('connect', () => {
      if (bytes.length > 0) socket.write(bytes);
      if (options.trickle !== undefined)
        timer = setInterval(() => socket.write(options.trickle!), options.trickleMs ?? 100);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // The server may reset a connection it refused while bytes are still in flight.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE' ? finish(true) : reject(err),
    );
  });
}
