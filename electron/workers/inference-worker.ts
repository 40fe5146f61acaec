/**
 * Entry point of the inference worker process. ONNX Runtime runs here, never in a host:
 * session.run() blocks the JS thread for the whole run and hostile models can crash ORT
 * natively, and neither may freeze or kill the host (DESIGN.md, "Processes").
 */
import { runEngine } from '../core/inference/engine.js';
import type { HostToWorker, WorkerToHost } from '../core/inference/protocol.js';
import { openParentChannel } from './parent-channel.js';

const host = openParentChannel<HostToWorker, WorkerToHost>('inference-worker');

let stop = false;
let started = false;

host.onMessage((message) => {
  if (message.type === 'stop') {
    stop = true;
  } else if (message.type === 'start' && !started) {
    started = true;
    void runEngine(message, { emit: (m) => host.send(m), stopRequested: () => stop })
      // End only once the engine has sent its last message.
      .then(() => host.end());
  }
});
