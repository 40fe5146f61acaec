/**
 * Core's `ProcessHandle` over an Electron utilityProcess. Kept apart from the
 * `utilityProcess.fork` call (utility-launcher.ts) and typed structurally, so it needs
 * no Electron at run time.
 *
 * How a utilityProcess differs from child_process.fork, and what this does about it:
 * - `pid` is undefined until the 'spawn' event, so it is a getter, and `onSpawn`
 *   reports it to whoever needs it late.
 * - 'exit' gives an exit code and no signal (a signal-killed child reports the signal
 *   number as its code on POSIX), and Electron drops the stderr stream right after
 *   'exit': the tail holds what arrived before it.
 * - The worker's last message is followed by WORKER_DONE (parent-channel.ts), answered
 *   here with WORKER_EXIT, since parentPort cannot tell the worker its messages have left.
 */
import type { ProcessHandle, WorkerExit } from '../../core/inference/worker-client.js';
import { WORKER_DONE, WORKER_EXIT } from '../../workers/parent-channel.js';

/** The part of Electron's `UtilityProcess` used here. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
}

/** A worker handle that also says when the pid becomes known. */
export type UtilityHandle<In, Out> = ProcessHandle<In, Out> & { onSpawn(listener: (pid: number) => void): void };

const STDERR_TAIL_BYTES = 4096;

export function adaptUtilityProcess<In, Out>(child: UtilityProcessLike): UtilityHandle<In, Out> {
  let stderrTail = '';
  const append = (text: string) => {
    stderrTail = (stderrTail + text).slice(-STDERR_TAIL_BYTES);
  };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => append(chunk));
  // A V8 fatal error is reported here rather than on stderr.
  child.on('error', (type, location) => append(`\n${type} at ${location}\n`));

  const messageListeners: Array<(message: Out) => void> = [];
  const exitListeners: Array<(exit: WorkerExit) => void> = [];
  const spawnListeners: Array<(pid: number) => void> = [];
  child.on('message', (message) => {
    // Everything the worker sent came before this, in order: it may go.
    if (message === WORKER_DONE) child.postMessage(WORKER_EXIT);
    else for (const listener of messageListeners) listener(message as Out);
  });
  child.on('spawn', () => {
    const pid = child.pid;
    if (pid !== undefined) for (const listener of spawnListeners) listener(pid);
  });
  child.on('exit', (code) => {
    for (const listener of exitListeners) listener({ code, signal: null, stderrTail });
  });

  return {
    get pid() {
      return child.pid;
    },
    // Before 'spawn' Electron queues the message; after 'exit' it drops it, as a closed fork channel would.
    send: (message) => child.postMessage(message),
    kill: () => {
      child.kill();
    },
    onMessage: (listener) => messageListeners.push(listener),
    onExit: (listener) => exitListeners.push(listener),
    onSpawn: (listener) => {
      if (child.pid !== undefined) listener(child.pid);
      else spawnListeners.push(listener);
    },
  };
}
