/**
 * A worker's line to the host that started it. The CLI and web host fork a Node child
 * (`process.send`, Node IPC); the desktop app starts an Electron utilityProcess
 * (`process.parentPort`, a MessagePort). Both entries speak through this one channel.
 *
 * parentPort has no send callback and no 'disconnect', so a utility worker cannot know
 * when its last message has left, and `process.exit()` right after `postMessage()` may
 * drop it. The end is a handshake instead: the worker posts WORKER_DONE after its last
 * message; the host, having received everything before it in order, answers
 * WORKER_EXIT; the worker exits 0. A utility worker needs no 'disconnect' watch: Electron
 * ends its utility processes with the app.
 */

/** Worker → host over parentPort: nothing follows; answer WORKER_EXIT. */
export const WORKER_DONE = 'modeldyno:worker-done';
/** Host → worker over parentPort: exit now. */
export const WORKER_EXIT = 'modeldyno:worker-exit';

/** What this file needs of Electron's `process.parentPort` (the worker does not import electron). */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** Called once after the last `send`; the process exits when the host has everything. */
  end(): void;
}

/** Opens the channel to the host, or exits with code 2 when there is none (run by hand). */
export function openParentChannel<In, Out>(workerName: string): ParentChannel<In, Out> {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) return utilityChannel<In, Out>(parentPort);
  if (!process.send) {
    process.stderr.write(`${workerName} must be started by a ModelDyno host (it talks over IPC).\n`);
    process.exit(2);
  }
  return forkChannel<In, Out>();
}

function forkChannel<In, Out>(): ParentChannel<In, Out> {
  let lastSent: Promise<void> = Promise.resolve();
  // A host that goes away takes its worker with it; nothing here outlives the session.
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message) => {
      lastSent = new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
    },
    onMessage: (listener) => process.on('message', (message: In) => listener(message)),
    // Disconnect only once the last message has reached the channel.
    end: () => void lastSent.then(() => process.disconnect?.()),
  };
}

function utilityChannel<In, Out>(parentPort: ParentPortLike): ParentChannel<In, Out> {
  const listeners: Array<(message: In) => void> = [];
  // Registered at once: parentPort queues messages only until its first listener.
  parentPort.on('message', ({ data }) => {
    if (data === WORKER_EXIT) process.exit(0);
    for (const listener of listeners) listener(data as In);
  });
  return {
    send: (message) => parentPort.postMessage(message),
    onMessage: (listener) => listeners.push(listener),
    end: () => parentPort.postMessage(WORKER_DONE),
  };
}
