/**
 * How closely a variant follows its fp32 original, host side: the comparison runs in a
 * fidelity worker (ORT never runs in a host, DESIGN.md "Processes"), and this starts
 * it, waits for its one answer, and turns a crash, an exit or a hang into a DynoError
 * while the host goes on. `FidelityLauncher` is the seam between hosts: the CLI and web
 * server fork a Node process, the desktop app an Electron utilityProcess.
 */
import { resolve } from 'node:path';
import { Fidelity } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import { forkEntry, type WorkerExit } from '../inference/worker-client.js';
import { gb, memoryCapBytes } from '../inference/memory-cap.js';
import { readHead } from '../sampling/proc-file.js';
import type { FidelityJob, FidelityWorkerToHost, HostToFidelityWorker } from './fidelity-protocol.js';

export interface FidelityRequest {
  /** The fp32 original. */
  referencePath: string;
  /** The variant made from it. */
  variantPath: string;
  /** User dims (ProfileSettings.dims); the rest resolve as the profiler resolves them. */
  dims: Record<string, number>;
  /** Seed of the inputs (and of a decoder's prompt); default DEFAULT_FIDELITY_SEED. */
  seed?: number;
  /** Decoders: prompt length and steps of greedy generation (defaults 32 and 32); ignored for others. */
  promptTokens?: number;
  steps?: number;
  /** 0 = ORT's choice. */
  intraOpThreads?: number;
  /** The whole job, default 120 s; the worker is killed past it. */
  timeoutMs?: number;
  /**
   * The worker is killed when its resident memory passes this (Linux, polled from /proc);
   * default the profiler's: 90 % of physical memory. Both models are loaded at once.
   */
  memoryCapBytes?: number | null;
}

/** What a host needs of the worker process: the same seam as the other workers'. */
export interface FidelityWorkerHandle {
  /** Known at once for a forked process; an Electron utilityProcess reports it through onSpawn. */
  readonly pid?: number | undefined;
  onSpawn?(listener: (pid: number) => void): void;
  send(message: HostToFidelityWorker): void;
  kill(): void;
  onMessage(listener: (message: FidelityWorkerToHost) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
}

export type FidelityLauncher = () => FidelityWorkerHandle;

export const DEFAULT_FIDELITY_SEED = 7;
export const DEFAULT_FIDELITY_TIMEOUT_MS = 120_000;

/** A worker that has answered but not exited is killed after this long, so none lingers. */
const EXIT_GRACE_MS = 5_000;
/** How often the worker's resident memory is checked against the cap. */
const MEMORY_POLL_MS = 100;

/** Resident memory of a process from /proc (Linux); null where it cannot be read. */
function residentBytes(pid: number): number | null {
  const status = readHead(`/proc/${pid}/status`, 4096);
  const kb = status === null ? null : /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : null;
}

/** Forks the fidelity worker the same way as the inference worker. */
export function forkFidelityWorker(): FidelityWorkerHandle {
  return forkEntry<HostToFidelityWorker, FidelityWorkerToHost>('fidelity-worker');
}

/** Runs the comparison in a fresh worker; rejects with a DynoError, never leaves a worker behind. */
export function measureFidelity(
  request: FidelityRequest,
  launcher: FidelityLauncher = forkFidelityWorker,
): Promise<Fidelity> {
  let job: FidelityJob;
  try {
    job = toJob(request);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_FIDELITY_TIMEOUT_MS;
  const capBytes = memoryCapBytes({ memoryCapBytes: request.memoryCapBytes ?? null });
  return new Promise<Fidelity>((resolvePromise, reject) => {
    let worker: FidelityWorkerHandle;
    try {
      worker = launcher();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      reject(new DynoError('worker-crashed', `The fidelity worker could not be started: ${reason}`, { cause: err }));
      return;
    }
    let settled = false;
    let loaded = false;
    let exited = false;
    const stage = () => (loaded ? 'while comparing the two models' : 'while loading the two models');
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      outcome();
      if (!exited) setTimeout(() => exited || worker.kill(), EXIT_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      worker.kill();
      finish(() =>
        reject(
          new DynoError(
            'worker-timeout',
            `Measuring the fidelity of ${job.variantPath} did not finish within ${timeoutMs / 1000} s (stopped ${stage()}). Try smaller --dim values, or fewer prompt tokens and steps for a decoder.`,
          ),
        ),
      );
    }, timeoutMs);
    let pid = worker.pid;
    worker.onSpawn?.((spawned) => (pid = spawned));
    // Two sessions of an untrusted model at once: the cap that guards a profile guards this too.
    const watch = setInterval(() => {
      const rss = pid === undefined ? null : residentBytes(pid);
      if (rss === null || rss <= capBytes) return;
      worker.kill();
      finish(() =>
        reject(
          new DynoError(
            'out-of-memory',
            `The fidelity worker's resident memory reached ${gb(rss)} ${stage()}, over the memory cap of ${gb(capBytes)}; it was stopped. Both models are loaded at once: use a machine with more memory, smaller --dim values, or raise the cap with --memory-cap SIZE.`,
          ),
        ),
      );
    }, MEMORY_POLL_MS);
    watch.unref();
    worker.onMessage((message) => {
      if (message.type === 'loaded') {
        loaded = true;
      } else if (message.type === 'error') {
        finish(() => reject(new DynoError(message.error.kind, message.error.message)));
      } else {
        const parsed = Fidelity.safeParse(message.fidelity);
        finish(() =>
          parsed.success
            ? resolvePromise(parsed.data)
            : reject(new DynoError('internal', `The fidelity worker sent a malformed result: ${parsed.error.message}`)),
        );
      }
    });
    worker.onExit((exit) => {
      exited = true;
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      const tail = exit.stderrTail.trim() ? `: ${exit.stderrTail.trim().split('\n').slice(-3).join(' | ')}` : '';
      finish(() =>
        reject(
          new DynoError(
            'worker-crashed',
            `The fidelity worker exited (${how}) ${stage()}, before reporting on ${job.variantPath}${tail}`,
          ),
        ),
      );
    });
    worker.send({ type: 'start', job });
  });
}

/** Defaults applied and numbers checked here, where a caller's mistake is a usage error. */
function toJob(request: FidelityRequest): FidelityJob {
  const job: FidelityJob = {
    referencePath: resolve(request.referencePath),
    variantPath: resolve(request.variantPath),
    dims: request.dims,
    seed: request.seed ?? DEFAULT_FIDELITY_SEED,
    promptTokens: request.promptTokens ?? 32,
    steps: request.steps ?? 32,
    intraOpThreads: request.intraOpThreads ?? 0,
  };
  const whole = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) {
      throw new DynoError('usage', `Fidelity ${name} must be a whole number ≥ ${min}, not ${value}.`);
    }
  };
  whole('seed', job.seed, 0);
  whole('prompt tokens', job.promptTokens, 1);
  whole('steps', job.steps, 1);
  whole('intra-op threads', job.intraOpThreads, 0);
  if (request.timeoutMs !== undefined && !(request.timeoutMs > 0)) {
    throw new DynoError('usage', `Fidelity timeout must be positive, not ${request.timeoutMs} ms.`);
  }
  return job;
}
