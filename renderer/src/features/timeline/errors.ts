/** A failure as the timeline shows it: the API's typed error, or any other thrown value. */
import { ERROR_KINDS, type ErrorInfo } from '../../../../electron/shared/errors.js';

export type TimelineError = ErrorInfo;

export function errorInfo(error: unknown): TimelineError {
  if (typeof error === 'object' && error !== null && 'kind' in error && 'message' in error) {
    const { kind, message } = error as { kind: unknown; message: unknown };
    if (typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind)) {
      return { kind: kind as ErrorInfo['kind'], message: String(message) };
    }
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
