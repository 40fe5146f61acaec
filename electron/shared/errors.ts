/**
 * Typed failures that cross process and transport boundaries as plain JSON.
 * Every kind names a cause a user can act on; `message` says what to do.
 */
export const ERROR_KINDS = [
  'usage',
  'model-not-found',
  'model-invalid',
  'model-unsupported',
  'provider-unavailable',
  'input-invalid',
  'run-failed',
  'worker-crashed',
  'worker-timeout',
  /** The worker's memory passed the cap (or ONNX Runtime could not allocate what it needed). */
  'out-of-memory',
  'cancelled',
  'session-not-found',
  'session-invalid',
  /** A path outside the folders the host allows, or a request the host refuses. */
  'forbidden',
  /** The resource is in use (a session still running, a calibration under way). */
  'busy',
  /** An external program the request needs (Chromium for PDF) is not installed. */
  'tool-missing',
  /** A call that reached the host but failed for a reason of its own. */
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The serialisable form of a failure. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
}

/** An expected failure with a kind the hosts map to exit codes and UI messages. */
export class DynoError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynoError';
    this.kind = kind;
  }

  toInfo(): ErrorInfo {
    return { kind: this.kind, message: this.message };
  }
}

/** Turns anything thrown into an ErrorInfo, keeping the kind of a DynoError or a bridged error. */
export function toErrorInfo(err: unknown, fallback: ErrorKind): ErrorInfo {
  if (err instanceof DynoError) return err.toInfo();
  const message = err instanceof Error ? err.message : String(err);
  const bridged = BRIDGED.exec(message);
  if (bridged && (ERROR_KINDS as readonly string[]).includes(bridged[1]!))
    return { kind: bridged[1] as ErrorKind, message: bridged[2]! };
  return { kind: fallback, message };
}

const BRIDGED = /^\[([a-z-]+)\] ([\s\S]*)$/;

/**
 * Electron's contextBridge copies only an Error's message into the page
 * (electron/electron#25596), so the desktop preload rethrows with the kind in front,
 * `[model-invalid] inspectModel: …`, and `toErrorInfo` reads it back.
 */
export function bridgeError(err: unknown): Error {
  const info = toErrorInfo(err, 'internal');
  return new Error(`[${info.kind}] ${info.message}`);
}
