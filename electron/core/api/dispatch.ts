/**
 * The serving half of every transport: validates a request's arguments with the
 * contract's zod schemas where it arrives (the web transport listens on a socket),
 * calls the service, and answers with `{id, ok, value|error}`. Events go to every
 * connected client as `{event, data}`.
 */
import { API_ARGS, API_EVENTS, type ApiMethod, type ProfilerApi } from '../../shared/api.js';
import { RequestMessageSchema, type ResponseMessage, type ServerMessage } from '../../shared/messages.js';
import { toErrorInfo } from '../../shared/errors.js';

export type Reply = (message: ServerMessage) => void;

const isMethod = (name: string): name is ApiMethod => Object.hasOwn(API_ARGS, name);

/** Handles one raw message; never throws, since a bad message must not take the host down. */
export async function dispatch(api: ProfilerApi, raw: unknown): Promise<ResponseMessage | null> {
  const request = RequestMessageSchema.safeParse(raw);
  if (!request.success) return null; // not a request at all: nothing to answer to
  const { id, method, args } = request.data;
  if (!isMethod(method)) {
    return { id, ok: false, error: { kind: 'usage', message: `unknown method "${method}".` } };
  }
  const parsed = API_ARGS[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { id, ok: false, error: { kind: 'usage', message: `invalid arguments${where}: ${issue?.message}.` } };
  }
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, parsed.data as unknown[]);
    return { id, ok: true, value: value ?? null };
  } catch (err) {
    return { id, ok: false, error: toErrorInfo(err, 'internal') };
  }
}

/** Forwards every event of the service to `reply` until the returned function is called. */
export function forwardEvents(api: ProfilerApi, reply: Reply): () => void {
  const stops = API_EVENTS.map((event) =>
    (api[event] as (listener: (data: unknown) => void) => () => void)((data) => reply({ event, data })),
  );
  return () => stops.forEach((stop) => stop());
}
