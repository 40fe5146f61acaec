/**
 * Entry point of the inference worker process. ONNX Runtime runs here, never in a host:
 * session.run() blocks the JS thread for the whole run and hostile models can crash ORT
 * natively, and neither may freeze or kill the host (DESIGN.md, "Processes").
 */
import { runEngine } from '../core/inference/engine.js';
import type { HostToWorker, WorkerToHost } from '../core/inference/protocol.js';

if (!process.send) {
  process.stderr.write('inference-worker must be started by a ModelDyno host (it talks over IPC).\n');
  process.exit(2);
}

let stop = false;
let started = false;
let lastSent: Promise<void> = Promise.resolve();
const send = (message: WorkerToHost) => {
  lastSent = new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
};

process.on('message', (message: HostToWorker) => {
  if (message.type === 'stop') {
    stop = true;
  } else if (message.type === 'start' && !started) {
    started = true;
    void runEngine(message, { emit: send, stopRequested: () => stop })
      // Exit only once the last message has reached the channel.
      .then(() => lastSent)
      .then(() => process.disconnect?.());
  }
});

// A host that goes away takes its worker with it; nothing here outlives the session.
process.on('disconnect', () => process.exit(0));
