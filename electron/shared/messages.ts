/**
 * What a transport carries for the `ProfilerApi` (STYLE.md, "One contract, three
 * transports"): a request naming a method with its arguments, the response to it, and
 * the events pushed to every client. The same envelopes over Electron IPC and WebSocket.
 */
import { z } from 'zod';
import type { ApiEventName } from './api.js';
import type { ErrorKind } from './errors.js';

export interface RequestMessage {
  id: number;
  method: string;
  args: unknown[];
}
export type ResponseMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { kind: ErrorKind; message: string } };
export interface EventMessage {
  event: ApiEventName;
  data: unknown;
}
export type ServerMessage = ResponseMessage | EventMessage;

export const RequestMessageSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  args: z.array(z.unknown()).max(8),
});
