/**
 * Entry point of the fidelity worker process: it loads an original and a variant in
 * ONNX Runtime and compares their outputs. ORT runs here, never in a host: a variant is
 * a model file like any other, and a malformed one can crash ORT natively
 * (DESIGN.md, "Processes").
 */
import { toErrorInfo } from '../shared/errors.js';
import { runFidelity } from '../core/compress/fidelity-run.js';
import type { FidelityWorkerToHost, HostToFidelityWorker } from '../core/compress/fidelity-protocol.js';
import { openParentChannel } from './parent-channel.js';

const host = openParentChannel<HostToFidelityWorker, FidelityWorkerToHost>('fidelity-worker');

let started = false;

host.onMessage((message) => {
  if (message.type !== 'start' || started) return;
  started = true;
  void runFidelity(message.job, () => host.send({ type: 'loaded' }))
    .then(
      (fidelity) => host.send({ type: 'result', fidelity }),
      (err: unknown) => host.send({ type: 'error', error: toErrorInfo(err, 'run-failed') }),
    )
    // End only once the last message has been sent.
    .then(() => host.end());
});
