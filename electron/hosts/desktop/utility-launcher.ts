/**
 * Starts the workers as Electron utility processes, the desktop counterpart of core's
 * `forkWorker`: Chromium launches and reaps them, they show in the app's process
 * metrics under their service name, and a crash or kill leaves the app running.
 */
import { utilityProcess } from 'electron';
import type { CalibrationWorkerHandle } from '../../core/analysis/calibrate.js';
import type { HostToCalibrationWorker, CalibrationWorkerToHost } from '../../core/analysis/calibration-protocol.js';
import type { FidelityLauncher } from '../../core/compress/fidelity.js';
import type { FidelityWorkerToHost, HostToFidelityWorker } from '../../core/compress/fidelity-protocol.js';
import type { HostToWorker, WorkerToHost } from '../../core/inference/protocol.js';
import { workerEntry, type WorkerLauncher, type WorkerName } from '../../core/inference/worker-client.js';
import { adaptUtilityProcess, type UtilityHandle } from './utility-handle.js';

function forkUtility<In, Out>(name: WorkerName, serviceName: string): UtilityHandle<In, Out> {
  const entry = workerEntry(name);
  const child = utilityProcess.fork(entry.path, [], {
    execArgv: entry.execArgv,
    // As the fork: stdout unread (an unread pipe would fill and stall the worker), stderr kept for crash reports.
    stdio: ['ignore', 'ignore', 'pipe'],
    serviceName,
  });
  return adaptUtilityProcess<In, Out>(child);
}

export const utilityWorkerLauncher: WorkerLauncher = () =>
  forkUtility<HostToWorker, WorkerToHost>('inference-worker', 'ModelDyno inference');

export const utilityCalibrationLauncher = (): CalibrationWorkerHandle =>
  forkUtility<HostToCalibrationWorker, CalibrationWorkerToHost>('calibration-worker', 'ModelDyno calibration');

export const utilityFidelityLauncher: FidelityLauncher = () =>
  forkUtility<HostToFidelityWorker, FidelityWorkerToHost>('fidelity-worker', 'ModelDyno fidelity');
