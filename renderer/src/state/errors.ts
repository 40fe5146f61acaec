import { API_METHODS } from '../../../electron/shared/api.js';
import { DynoError, type ErrorInfo } from '../../../electron/shared/errors.js';

const METHOD_PREFIX = new RegExp(`^(${API_METHODS.join('|')}): `);

/**
 * What to show for a failed call. The client prefixes the method name for logs; the
 * user reads the host's own message, which already says what to do.
 */
export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof DynoError) return { kind: err.kind, message: err.message.replace(METHOD_PREFIX, '') };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message: message.replace(METHOD_PREFIX, '') };
}
