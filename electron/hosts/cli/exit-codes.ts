/**
 * Exit codes of `modeldyno`: 0 ok, 1 other (no such session, one already imported, a
 * failed compare gate), 2 usage
 * or a missing tool, 3 the model cannot be loaded, 4 a run failed.
 */
import type { ErrorInfo } from '../../shared/errors.js';

/** `other` covers failures outside a profile, such as an unknown session id. */
export const EXIT = { ok: 0, other: 1, usage: 2, model: 3, run: 4 } as const;

/** Not about a model or a run: a session that is missing, broken, already there or off limits. */
const OTHER_KINDS = new Set(['session-not-found', 'session-invalid', 'busy', 'forbidden']);
const MODEL_KINDS = new Set(['model-not-found', 'model-invalid', 'model-unsupported']);

/** `reachedRuns` is false when the worker died before its session was created. */
export function exitCodeFor(error: ErrorInfo | undefined, reachedRuns = true): number {
  if (!error || error.kind === 'cancelled') return EXIT.ok;
  // A missing tool (Chromium for PDF) is fixed like a usage mistake: by the user, before rerunning.
  if (error.kind === 'usage' || error.kind === 'provider-unavailable' || error.kind === 'tool-missing')
    return EXIT.usage;
  if (OTHER_KINDS.has(error.kind)) return EXIT.other;
  if (MODEL_KINDS.has(error.kind) || !reachedRuns) return EXIT.model;
  return EXIT.run;
}
