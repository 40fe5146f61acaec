/**
 * Entry point of the calibration worker process: the micro-benchmarks run ONNX Runtime,
 * and ORT runs in a worker, never in a host (DESIGN.md, "Processes").
 */
import { runCalibration } from '../core/analysis/calibration-run.js';
import type { CalibrationWorkerToHost, HostToCalibrationWorker } from '../core/analysis/calibration-protocol.js';

if (!process.send) {
  process.stderr.write('calibration-worker must be started by a ModelDyno host (it talks over IPC).\n');
  process.exit(2);
}

let started = false;
let lastSent: Promise<void> = Promise.resolve();
const send = (message: CalibrationWorkerToHost) => {
  lastSent = new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
};

process.on('message', (message: HostToCalibrationWorker) => {
  if (message.type !== 'start' || started) return;
  started = true;
  void runCalibration(message.plan, (progress) => send({ type: 'progress', ...progress }))
    .then(
      (measurements) => send({ type: 'result', measurements }),
      (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    )
    // Exit only once the last message has reached the channel.
    .then(() => lastSent)
    .then(() => process.disconnect?.());
});

// A host that goes away takes its worker with it.
process.on('disconnect', () => process.exit(0));
