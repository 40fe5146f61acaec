/**
 * The web host's transport: one WebSocket per browser tab at `/api`, carrying the
 * contract's messages (`{id, method, args}` in, `{id, ok, value|error}` and
 * `{event, data}` out) to and from the shared dispatcher.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ProfilerApi } from '../../shared/api.js';
import { RequestMessageSchema, type ResponseMessage, type ServerMessage } from '../../shared/messages.js';
import { dispatch, forwardEvents } from '../../core/api/dispatch.js';

/** Largest message a client may send: the biggest request (a whatIf of 64 specs) is a few KB. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/**
 * Above this much unsent data a client is not keeping up (a background tab, a slow
 * link): its live samples are dropped rather than queued without bound. The charts
 * re-query the recorded series, so a dropped live sample is not lost data.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Calls one socket may have unanswered at once. The renderer keeps a handful in flight;
 * a client firing thousands would otherwise hold thousands of replies (a session export
 * each) in memory at once. Calls past the limit are answered `busy` straight away.
 */
export const MAX_IN_FLIGHT_CALLS = 64;

/** Close codes of RFC 6455 that this host uses. */
const CLOSE = { goingAway: 1001, unsupported: 1003, badData: 1007 } as const;

export interface SocketStats {
  connections: number;
  /** Live samples not sent, summed over every client since the host started. */
  droppedSamples: number;
  /** Data queued for clients and not yet handed to the kernel, summed over open sockets. */
  bufferedBytes: number;
}

export interface ApiSocketServer {
  /** Completes a handshake the caller has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): SocketStats;
  /** Closes every socket (1001) and waits for them, terminating laggards after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export function createApiSocketServer(service: ProfilerApi): ApiSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, clientTracking: true });
  const stats = { connections: 0, droppedSamples: 0 };

  wss.on('connection', (ws: WebSocket) => {
    stats.connections += 1;
    const send = (message: ServerMessage) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if ('event' in message && message.event === 'onSample' && ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        stats.droppedSamples += 1;
        return;
      }
      const text = serialise(message);
      if (text !== null) ws.send(text);
    };
    const stop = forwardEvents(service, send);
    let inFlight = 0;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        ws.close(CLOSE.unsupported, 'text JSON messages only');
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(rawText(data));
      } catch {
        ws.close(CLOSE.badData, 'not JSON');
        return;
      }
      if (inFlight >= MAX_IN_FLIGHT_CALLS) {
        const refusal = refuseBusy(message);
        if (refusal) send(refusal);
        return;
      }
      inFlight += 1;
      void dispatch(service, message).then((response) => {
        inFlight -= 1;
        if (response) send(response);
      });
    });
    // A reset connection emits 'error' before 'close'; without a listener it would throw.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      stats.connections -= 1;
      stop();
    });
  });

  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    stats: () => {
      let bufferedBytes = 0;
      for (const ws of wss.clients) bufferedBytes += ws.bufferedAmount;
      return { ...stats, bufferedBytes };
    },
    async close(graceMs = 1000) {
      const closing = [...wss.clients].map((ws) => closeOne(ws, graceMs));
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function closeOne(ws: WebSocket, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), graceMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(CLOSE.goingAway, 'the host is shutting down');
  });
}

/** The `busy` answer to a call over the limit; null for a message that is no call (as dispatch does). */
function refuseBusy(message: unknown): ResponseMessage | null {
  const request = RequestMessageSchema.safeParse(message);
  if (!request.success) return null;
  const text = `${MAX_IN_FLIGHT_CALLS} calls of this connection are still running; wait for their answers.`;
  return { id: request.data.id, ok: false, error: { kind: 'busy', message: text } };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/**
 * Service values are plain JSON by contract; should one ever not be (a BigInt from a
 * clock), the caller gets an error instead of a socket that never answers, and an
 * event is skipped rather than thrown into the service's emitter.
 */
function serialise(message: ServerMessage): string | null {
  try {
    return JSON.stringify(message);
  } catch (err) {
    if ('event' in message) return null;
    return JSON.stringify({
      id: message.id,
      ok: false,
      error: { kind: 'internal', message: `the reply could not be encoded (${(err as Error).message}).` },
    });
  }
}
