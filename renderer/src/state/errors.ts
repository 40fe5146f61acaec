import { API_METHODS } from '../../../electron/shared/api.js';
import { type ErrorInfo, toErrorInfo } from '../../../electron/shared/errors.js';

const METHOD_PREFIX = new RegExp(`^(${API_METHODS.join('|')}): `);

/**
 * What to show for a failed call. The client prefixes the method name for logs; the
 * user reads the host's own message, which already says what to do.
 */
export function errorInfo(err: unknown): ErrorInfo {
  // toErrorInfo also reads the kind the desktop preload puts in front of a bridged message.
  const info = toErrorInfo(err, 'internal');
  return { kind: info.kind, message: info.message.replace(METHOD_PREFIX, '') };
}
