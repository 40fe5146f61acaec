/**
 * Entry point of the calibration worker process: the micro-benchmarks run ONNX Runtime,
 * and ORT runs in a worker, never in a host (DESIGN.md, "Processes").
 */
import { runCalibration } from '../core/analysis/calibration-run.js';
import type { CalibrationWorkerToHost, HostToCalibrationWorker } from '../core/analysis/calibration-protocol.js';
import { openParentChannel } from './parent-channel.js';

const host = openParentChannel<HostToCalibrationWorker, CalibrationWorkerToHost>('calibration-worker');

let started = false;

host.onMessage((message) => {
  if (message.type !== 'start' || started) return;
  started = true;
  void runCalibration(message.plan, (progress) => host.send({ type: 'progress', ...progress }))
    .then(
      (measurements) => host.send({ type: 'result', measurements }),
      (err: unknown) => host.send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    // End only once the last message has been sent.
    .then(() => host.end());
});
