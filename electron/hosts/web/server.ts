/**
 * The web host (`modeldyno serve`): the renderer build over HTTP and the ProfilerApi
 * over a WebSocket, for a browser on this machine. Every request, asset and socket alike,
 * must carry the printed token and come through a known Host; the socket must also come
 * from this origin. See auth.ts for why each check is there.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createProfilerService } from '../../core/api/service.js';
import { DynoError } from '../../shared/errors.js';
import {
  allowedHosts,
  checkToken,
  isWildcard,
  knownHost,
  newToken,
  sameOrigin,
  TOKEN_PATTERN,
  tokenCookie,
  urlHost,
} from './auth.js';
import { bundledModelsDir, defaultRendererDir } from './locations.js';
import { PAGES, securityHeaders, sendPage } from './respond.js';
import { createApiSocketServer, type ApiSocketServer, type SocketStats } from './socket.js';
import { serveStatic } from './static.js';

export interface WebHostOptions {
  /** Address to bind; anything but loopback exposes the host to the network (default 127.0.0.1). */
  host?: string;
  /** TCP port; 0 picks a free one (default 0). */
  port?: number;
  /** The access token; 32 random bytes (base64url) when absent. */
  token?: string;
  /** Folders `browse` and `inspectModel` may reach (default: the bundled models). */
  roots?: string[];
  /** The renderer build to serve (default: renderer/dist of this package). */
  rendererDir?: string;
  /** Where sessions are stored (default: the service's, under MODELDYNO_HOME). */
  sessionsDir?: string;
  /** How long a client may take to send a request's headers before the socket is closed (default 10 s). */
  headersTimeoutMs?: number;
}

/**
 * Node's defaults (60 s for headers, 300 s per request, checked every 30 s) let a
 * client that trickles a request line hold a socket for up to 90 s (slowloris). This
 * host serves small files to a browser on the same machine: 10 s is ample.
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface WebHost {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  port: number;
  token: string;
  /** Open sockets and live samples dropped for slow clients. */
  stats(): SocketStats;
  /** Closes every socket, stops listening and disposes of the service. */
  close(): Promise<void>;
}

interface Context {
  allowed: Set<string>;
  port: number;
  token: string;
  rendererDir: string;
  sockets: ApiSocketServer;
}

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  if (!TOKEN_PATTERN.test(token))
    throw new DynoError('usage', 'The token may hold only letters, digits and . _ ~ - (at most 512 of them).');
  const roots = (options.roots ?? [bundledModelsDir()]).map((root) => resolve(root));
  const service = createProfilerService({ hostKind: 'web', roots, sessionsDir: options.sessionsDir });
  const sockets = createApiSocketServer(service);
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const server = createServer({
    headersTimeout,
    requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
    // How often Node looks for expired requests: the timeouts are only as exact as this.
    connectionsCheckingInterval: Math.min(1000, headersTimeout),
  });
  let port: number;
  try {
    port = await listen(server, host, options.port ?? 0);
  } catch (err) {
    await sockets.close();
    await service.dispose();
    throw err;
  }
  const ctx: Context = {
    allowed: allowedHosts(host, port),
    port,
    token,
    rendererDir: realRendererDir(options.rendererDir ?? defaultRendererDir()),
    sockets,
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => handleRequest(ctx, req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => handleUpgrade(ctx, req, socket, head));

  const shownHost = isWildcard(host) ? '127.0.0.1' : urlHost(host);
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    stats: () => sockets.stats(),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await sockets.close();
        await stopped;
        await service.dispose();
      })()),
  };
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        fail(new DynoError('usage', `Port ${port} is in use on ${host}: choose another --port (0 picks a free one).`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
        fail(new DynoError('usage', `Cannot bind ${host}: it is not an address of this machine.`));
      else fail(err);
    });
    server.listen(port, host, () => done((server.address() as AddressInfo).port));
  });
}

/** The build folder with links resolved, so that the traversal check compares real paths. */
function realRendererDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir); // not built yet: every page answers 503 until it is
  }
}

function handleRequest(ctx: Context, req: IncomingMessage, res: ServerResponse): void {
  const host = knownHost(req, ctx.allowed);
  if (!host) {
    sendPage(res, 403, ...PAGES.badHost, securityHeaders(null));
    return;
  }
  const headers = securityHeaders(host);
  // Browsers send Origin on cross-origin fetches and CORS preflights: another site's page
  // has no business here, whatever it carries. The renderer's own requests match or omit it.
  if (req.headers.origin !== undefined && !sameOrigin(req, host)) {
    sendPage(res, 403, ...PAGES.foreignOrigin, headers);
    return;
  }
  const url = parseUrl(req, host);
  if (!url) {
    sendPage(res, 400, ...PAGES.badPath, headers);
    return;
  }
  const credentials = checkToken(req, url, ctx.port, ctx.token);
  if (!credentials.authorised) {
    sendPage(res, 401, ...PAGES.unauthorised, headers);
    return;
  }
  if (credentials.setCookie) headers['Set-Cookie'] = tokenCookie(ctx.port, ctx.token);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendPage(res, 405, ...PAGES.method, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  serveStatic(req, res, ctx.rendererDir, url.pathname, headers);
}

function handleUpgrade(ctx: Context, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on('error', () => socket.destroy()); // a client that hangs up mid-handshake
  const host = knownHost(req, ctx.allowed);
  const url = host ? parseUrl(req, host) : null;
  if (!host || !url) return refuse(socket, 403, 'Unknown host name.');
  if (url.pathname !== '/api') return refuse(socket, 404, 'The API socket is at /api.');
  if (!sameOrigin(req, host)) return refuse(socket, 403, 'The API socket only accepts pages of this server.');
  if (!checkToken(req, url, ctx.port, ctx.token).authorised)
    return refuse(socket, 401, 'Open the URL that `modeldyno serve` printed: it carries the access token.');
  ctx.sockets.accept(req, socket, head);
}

function parseUrl(req: IncomingMessage, host: string): URL | null {
  try {
    return new URL(req.url ?? '/', `http://${host}`);
  } catch {
    return null;
  }
}

/** Answers a refused handshake with a plain HTTP status, as a browser's WebSocket expects. */
function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
