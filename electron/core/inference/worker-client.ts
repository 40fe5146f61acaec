/**
 * Starts and watches the inference worker. `WorkerLauncher` is the seam between hosts:
 * the CLI and web server fork a Node process, the desktop app an Electron utilityProcess;
 * both deliver the same messages and the same exit report.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostToWorker, WorkerToHost } from './protocol.js';

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** The end of what the worker wrote to stderr: native crashes explain themselves there. */
  stderrTail: string;
}

export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: HostToWorker): void;
  kill(): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
}

export type WorkerLauncher = () => WorkerHandle;

const STDERR_TAIL_BYTES = 4096;

/** The worker's entry file beside this build: .js in dist, .ts when run from source. */
export function workerEntry(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`../../workers/inference-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // Source runs (tests, `tsx`) need the same TypeScript loader in the child.
  return { path: fileURLToPath(url), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export const forkWorker: WorkerLauncher = () => {
  const entry = workerEntry();
  const child = fork(entry.path, [], {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const exitListeners: Array<(exit: WorkerExit) => void> = [];
  // 'close' (not 'exit') fires after stdio drains, so the tail is complete.
  child.on('close', (code, signal) => {
    for (const listener of exitListeners) listener({ code, signal, stderrTail });
  });
  child.on('error', () => {
    // Spawn failures also end in 'close'; handled there.
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as WorkerToHost)),
    onExit: (listener) => exitListeners.push(listener),
  };
};
