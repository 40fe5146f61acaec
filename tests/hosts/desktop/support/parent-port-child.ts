/**
 * Loaded with `--import` into a forked Node worker: gives it a `process.parentPort`
 * with the documented behaviour of Electron's utility-process port (messages arrive
 * as `{ data, ports }`, are queued until the first listener, `postMessage` has no
 * callback) and hides `process.send`, so the worker takes its utility path. Electron
 * itself cannot run on these machines (DESIGN.md, "Facts measured").
 */
import { EventEmitter } from 'node:events';

const send = process.send?.bind(process);
if (send) {
  const port = new EventEmitter();
  const queued: unknown[] = [];
  let listening = false;
  port.on('newListener', (event: string) => {
    if (event !== 'message' || listening) return;
    listening = true;
    // Delivered after the listener is attached, as EventEmitter adds it after this hook.
    queueMicrotask(() => queued.splice(0).forEach((data) => port.emit('message', { data, ports: [] })));
  });
  process.on('message', (data: unknown) => {
    if (listening) port.emit('message', { data, ports: [] });
    else queued.push(data);
  });
  Object.assign(port, { postMessage: (message: unknown) => send(message) });
  Object.assign(process, { parentPort: port, send: undefined });
}
