/**
 * Messages between a host and the calibration worker, and what the worker measures.
 * Like the inference worker's protocol, everything here is plain JSON.
 */

/** How much to measure. `quick` shrinks sizes and repetitions for tests only. */
export interface CalibrationPlan {
  /** Intra-op thread counts of the GEMM sweep, ascending. */
  threadCounts: number[];
  quick: boolean;
  /** Folders for the disk test's scratch file, in order of preference; the first on a real disk wins. */
  scratchDirs: string[];
}

export interface GemmMeasurement {
  threads: number;
  flopsPerSec: number;
  /** M = N = K of the square MatMul that was timed. */
  size: number;
  /** Median time of one MatMul. */
  opMs: number;
}

export interface DiskMeasurement {
  readMBps: number | null;
  cold: boolean;
  fileBytes: number;
  dir: string;
  /** Why the read was warm, or where it could not be measured; '' when cold. */
  note: string;
}

export interface DeviceMeasurement {
  /** The execution provider that carried the copies, or null when none loaded. */
  provider: string | null;
  hostToDeviceGBps: number | null;
  deviceToHostGBps: number | null;
  note: string;
}

export interface CalibrationMeasurements {
  gemm: GemmMeasurement[];
  gemmSmall: GemmMeasurement[];
  memoryBandwidthBytesPerSec: number;
  /** Bytes of each of the three tensors an elementwise op touches. */
  bandwidthTensorBytes: number;
  disk: DiskMeasurement;
  device: DeviceMeasurement;
  ortVersion: string;
}

export interface CalibrationProgress {
  step: string;
  done: number;
  total: number;
}

export type HostToCalibrationWorker = { type: 'start'; plan: CalibrationPlan };

export type CalibrationWorkerToHost =
  | ({ type: 'progress' } & CalibrationProgress)
  | { type: 'result'; measurements: CalibrationMeasurements }
  | { type: 'error'; message: string };
