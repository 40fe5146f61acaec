/**
 * The client half of every transport: turns `ProfilerApi` calls into request messages
 * and responses back into promises, and fans event messages out to listeners. A
 * transport only moves messages (Perfetto keeps one engine interface over two
 * transports the same way); Electron IPC, WebSocket and in-memory each supply `send`
 * and feed what arrives to `receive`.
 */
import { API_EVENTS, API_METHODS, type ApiEventName, type ApiEvents, type ProfilerApi } from './api.js';
import type { RequestMessage, ServerMessage } from './messages.js';
import { DynoError, ERROR_KINDS, type ErrorKind } from './errors.js';

export interface ClientTransport {
  send(message: RequestMessage): void;
}

export interface ApiClient {
  api: ProfilerApi;
  /** Feed every message the transport receives. */
  receive(message: ServerMessage): void;
  /** Fails every pending call, e.g. when the socket closed. */
  fail(kind: ErrorKind, message: string): void;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createApiClient(transport: ClientTransport): ApiClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<ApiEventName, Set<(data: never) => void>>(API_EVENTS.map((name) => [name, new Set()]));

  const call = (method: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { method, resolve, reject });
      try {
        transport.send({ id, method, args });
      } catch (err) {
        pending.delete(id);
        reject(new DynoError('internal', `${method}: the host is unreachable (${(err as Error).message}).`));
      }
    });

  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => call(method, args);
  for (const event of API_EVENTS) {
    api[event] = (listener: (data: never) => void) => {
      const set = listeners.get(event)!;
      set.add(listener);
      return () => set.delete(listener);
    };
  }

  return {
    api: api as unknown as ProfilerApi,
    receive(message) {
      if ('event' in message) {
        for (const listener of listeners.get(message.event) ?? []) listener(message.data as never);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return; // a response to a call that already failed with the transport
      pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(rethrown(waiting.method, message.error));
    },
    fail(kind, text) {
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(new DynoError(kind, `${waiting.method}: ${text}`));
      }
    },
  };
}

/** Errors cross as `{kind, message}` and are rethrown with the method name in front (VS Code, Signal). */
function rethrown(method: string, error: { kind: string; message: string }): DynoError {
  const kind = (ERROR_KINDS as readonly string[]).includes(error.kind) ? (error.kind as ErrorKind) : 'internal';
  return new DynoError(kind, `${method}: ${error.message}`);
}

/** The event payload type of an `onX` member, for hosts that emit them. */
export type EventData<E extends ApiEventName> = ApiEvents[E];
