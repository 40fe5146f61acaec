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

/** A worker process: typed messages both ways and one exit report. */
export interface ProcessHandle<In, Out> {
  readonly pid: number | undefined;
  send(message: In): void;
  kill(): void;
  onMessage(listener: (message: Out) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /**
   * Reports the pid once known: an Electron utilityProcess has none until it has
   * spawned, while a forked child has one at once (and needs no such hook).
   */
  onSpawn?(listener: (pid: number) => void): void;
}

export type WorkerHandle = ProcessHandle<HostToWorker, WorkerToHost>;

export type WorkerLauncher = () => WorkerHandle;

const STDERR_TAIL_BYTES = 4096;

/** The worker entries in electron/workers/. */
export type WorkerName = 'inference-worker' | 'calibration-worker' | 'fidelity-worker';

/** A worker's entry file beside this build: .js in dist, .ts when run from source. */
export function workerEntry(name: WorkerName): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`../../workers/${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  // Source runs (tests, `tsx`) need the same TypeScript loader in the child.
  return { path: fileURLToPath(url), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

/** Forks a worker entry with IPC, keeping the end of its stderr for crash reports. */
export function forkEntry<In, Out>(name: WorkerName): ProcessHandle<In, Out> {
  const entry = workerEntry(name);
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
      if (child.connected) child.send(message as object);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as Out)),
    onExit: (listener) => exitListeners.push(listener),
  };
}

export const forkWorker: WorkerLauncher = () => forkEntry<HostToWorker, WorkerToHost>('inference-worker');
