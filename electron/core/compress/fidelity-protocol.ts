/**
 * Messages between a host and the fidelity worker, which loads an fp32 model and one of
 * its variants in ONNX Runtime and compares their outputs. Plain JSON, like the other
 * workers' protocols.
 */
import type { Fidelity } from '../../shared/compress.js';
import type { ErrorInfo } from '../../shared/errors.js';

/** Everything the worker needs, with every default already applied by the host. */
export interface FidelityJob {
  /** Absolute paths: the worker does not share the host's idea of a relative one. */
  referencePath: string;
  variantPath: string;
  dims: Record<string, number>;
  seed: number;
  promptTokens: number;
  steps: number;
  intraOpThreads: number;
}

export type HostToFidelityWorker = { type: 'start'; job: FidelityJob };

export type FidelityWorkerToHost =
  /** Both sessions exist; the comparison runs next. */
  { type: 'loaded' } | { type: 'result'; fidelity: Fidelity } | { type: 'error'; error: ErrorInfo };
