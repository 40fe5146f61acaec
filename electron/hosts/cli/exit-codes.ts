/** Exit codes of `modeldyno`: 0 ok, 2 usage, 3 the model cannot be loaded, 4 a run failed. */
import type { ErrorInfo } from '../../shared/errors.js';

/** `other` covers failures outside a profile, such as an unknown session id. */
export const EXIT = { ok: 0, other: 1, usage: 2, model: 3, run: 4 } as const;

const MODEL_KINDS = new Set(['model-not-found', 'model-invalid', 'model-unsupported']);

/** `reachedRuns` is false when the worker died before its session was created. */
export function exitCodeFor(error: ErrorInfo | undefined, reachedRuns = true): number {
  if (!error || error.kind === 'cancelled') return EXIT.ok;
  if (error.kind === 'usage' || error.kind === 'provider-unavailable') return EXIT.usage;
  if (error.kind === 'session-not-found' || error.kind === 'session-invalid') return EXIT.other;
  if (MODEL_KINDS.has(error.kind) || !reachedRuns) return EXIT.model;
  return EXIT.run;
}
