/**
 * One profiling session from start to summary: it starts the sampler and the inference
 * worker, journals everything they report on one clock, watches the worker with
 * timeouts, and writes the summary whatever way the worker ends.
 */
import { join } from 'node:path';
import type { ErrorInfo } from '../shared/errors.js';
import type { Sample } from '../shared/sample.js';
import {
  type PhaseName,
  type ProfileResult,
  type ProfileSettings,
  SCHEMA_VERSION,
  type SessionStatus,
} from '../shared/session.js';
import type { WorkerToHost } from './inference/protocol.js';
import { finishSession, type SessionAnalysisOptions } from './session-end.js';
import { DEFAULT_MEMORY_CAP_SHARE, gb, memoryCapBytes as capOf } from './inference/memory-cap.js';
import { forkWorker, type WorkerExit, type WorkerLauncher } from './inference/worker-client.js';
import { Journal, readJournal } from './recording/journal.js';
import type { JournalRecord } from './recording/journal-record.js';
import { JOURNAL_FILE, createSessionDir, newSessionId, sessionsRoot } from './recording/store.js';
import { collectMachineInfo, createSampler, type SamplerOptions } from './sampling/index.js';

export interface ProfileRequest {
  modelPath: string;
  settings: ProfileSettings;
  /** Sessions root; defaults to `sessionsRoot()`. */
  sessionsDir?: string;
  launcher?: WorkerLauncher;
  sampler?: Pick<SamplerOptions, 'source' | 'gpu' | 'nvidiaSmiPath'>;
  /** What the analysis of the finished session uses; without it only profile-free rules run. */
  analysis?: SessionAnalysisOptions;
}

export interface Progress {
  phase: PhaseName;
  runsDone: number;
  /** Null in duration mode, where the count is not known in advance. */
  runsTotal: number | null;
}

export interface ProfileListeners {
  onSample?(sample: Sample): void;
  onProgress?(progress: Progress): void;
  onRecord?(record: JournalRecord): void;
  /** A phase began, at this many ms after the session origin (its end arrives as a phase record). */
  onPhaseStart?(phase: PhaseName, atMs: number): void;
}

export interface ProfileHandle {
  sessionId: string;
  dir: string;
  /** Asks the worker to finish after the current run; kills it if it cannot listen. */
  cancel(): void;
  done: Promise<ProfileResult>;
}

const CANCEL_GRACE_MS = 3000;

export async function startProfile(request: ProfileRequest, listeners: ProfileListeners = {}): Promise<ProfileHandle> {
  const { settings } = request;
  const originNs = process.hrtime.bigint();
  const startedAt = new Date();
  const sessionId = newSessionId(request.modelPath, startedAt);
  const dir = createSessionDir(sessionsRoot(request.sessionsDir), sessionId);
  const journal = new Journal(join(dir, JOURNAL_FILE));
  // Records go to the journal and the listeners, not to memory: an hour at 50 Hz with
  // thousands of runs a minute grew the host by ~8 MB a minute when they were kept.
  const record = (entry: JournalRecord) => {
    journal.append(entry);
    listeners.onRecord?.(entry);
  };
  const toMs = (ns: string) => Number(BigInt(ns) - originNs) / 1e6;

  record({
    type: 'header',
    schemaVersion: SCHEMA_VERSION,
    sessionId,
    startedAt: startedAt.toISOString(),
    hostPid: process.pid,
    modelPath: request.modelPath,
    settings,
  });
  record({ type: 'machine', machine: await collectMachineInfo() });

  let seriesCount = 0;
  const memoryCapBytes = capOf(settings);
  // Set once the worker exists; samples before that carry no worker RSS anyway.
  let overMemory: ((rssBytes: number) => void) | null = null;
  const sampler = await createSampler({
    ...request.sampler,
    hz: settings.hz,
    originNs,
    onSample: (sample) => {
      record({ type: 'sample', sample });
      // New series are rare (a disk or the worker appearing): poll a count, copy on change.
      if (sampler.seriesCount !== seriesCount) {
        const series = sampler.series();
        record({ type: 'series', series: series.slice(seriesCount) });
        seriesCount = series.length;
      }
      listeners.onSample?.(sample);
      const rssBytes = sample.values['proc.rssBytes'];
      if (rssBytes !== undefined && rssBytes > memoryCapBytes) overMemory?.(rssBytes);
    },
  });
  sampler.start();

  const spawnMs = toMs(process.hrtime.bigint().toString());
  const worker = (request.launcher ?? forkWorker)();
  const workerStarted = (pid: number | null) => {
    sampler.setPid(pid);
    record({ type: 'worker', pid });
  };
  if (worker.pid !== undefined || !worker.onSpawn) workerStarted(worker.pid ?? null);
  else worker.onSpawn((pid) => workerStarted(pid));
  const phaseStarts = new Map<PhaseName, number>();
  const runsTotal = settings.durationS === null ? settings.runs : null;
  let runsDone = 0;
  let outcome: { status: SessionStatus; error?: ErrorInfo } | null = null;
  let cancelled = false;
  let watchdog: NodeJS.Timeout | undefined;
  const arm = (ms: number, what: string) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      outcome ??= {
        status: 'failed',
        error: {
          kind: 'worker-timeout',
          message: `The worker exceeded ${ms / 1000} s ${what}; it was stopped. Raise the limit if the model is known to be slow.`,
        },
      };
      worker.kill();
    }, ms);
  };
  arm(settings.createTimeoutMs, 'starting up');
  overMemory = (rssBytes) => {
    outcome ??= { status: 'failed', error: memoryError(rssBytes, memoryCapBytes, settings.memoryCapBytes === null) };
    worker.kill();
  };

  const onMessage = (message: WorkerToHost) => {
    switch (message.type) {
      case 'phase-start':
        if (phaseStarts.size === 0) {
          const durationMs = toMs(message.atNs) - spawnMs;
          record({ type: 'phase', phase: { name: 'spawn', startMs: spawnMs, durationMs } });
        }
        phaseStarts.set(message.phase, toMs(message.atNs));
        listeners.onPhaseStart?.(message.phase, toMs(message.atNs));
        if (message.phase === 'read' || message.phase === 'create')
          arm(settings.createTimeoutMs, `reading and creating the session`);
        else arm(settings.runTimeoutMs, `on one inference run`);
        listeners.onProgress?.({
          phase: message.phase,
          runsDone,
          runsTotal: message.phase === 'runs' ? runsTotal : settings.warmup,
        });
        return;
      case 'phase-end': {
        const startMs = phaseStarts.get(message.phase) ?? 0;
        record({ type: 'phase', phase: { name: message.phase, startMs, durationMs: toMs(message.atNs) - startMs } });
        if (message.phase === 'runs') arm(settings.createTimeoutMs, 'reading the op profile');
        return;
      }
      case 'runs': {
        message.spans.forEach(([startNs, endNs], offset) => {
          const startMs = toMs(startNs);
          const run = {
            index: message.firstIndex + offset,
            warmup: message.warmup,
            startMs,
            durationMs: toMs(endNs) - startMs,
            ortMs: null,
          };
          record({ type: 'run', run });
        });
        arm(settings.runTimeoutMs, 'on one inference run');
        if (!message.warmup) runsDone += message.spans.length;
        listeners.onProgress?.({
          phase: message.warmup ? 'warmup' : 'runs',
          runsDone,
          runsTotal: message.warmup ? settings.warmup : runsTotal,
        });
        return;
      }
      case 'op-events':
        for (const { startNs, ...event } of message.events)
          record({ type: 'op', op: { ...event, startMs: toMs(startNs) } });
        record({ type: 'ort-runs', ortRunMs: message.ortRunMs });
        return;
      case 'model':
        record({ type: 'model', model: message.model });
        return;
      case 'load':
        record({
          type: 'load',
          fileBytes: message.fileBytes,
          diskReadBytes: message.diskReadBytes,
          evicted: message.evicted,
        });
        return;
      case 'inputs':
        record({ type: 'inputs', dims: message.dims, inputs: message.inputs });
        return;
      case 'sweep':
        record({ type: 'sweep', threads: message.threads, latenciesMs: message.latenciesMs });
        arm(settings.runTimeoutMs, 'on one inference run');
        return;
      case 'llm-layout': {
        const { type: _type, ...layout } = message;
        record({ type: 'llm-layout', ...layout });
        return;
      }
      case 'llm-request':
        record({
          type: 'llm-request',
          promptTokens: message.promptTokens,
          outputTokens: message.outputTokens,
          batch: message.batch,
          repetition: message.repetition,
          warmup: message.warmup,
          startMs: toMs(message.startNs),
          tokenMs: message.tokens.map((t) => toMs(t.atNs)),
          tokenRuns: message.tokens.map((t) => t.run),
          tokenIds: message.tokenIds,
        });
        return;
      case 'memory':
        record({ type: 'memory', peakRssBytes: message.peakRssBytes });
        return;
      case 'note':
        record({ type: 'note', message: message.message });
        return;
      case 'done':
        outcome ??= { status: cancelled ? 'cancelled' : 'complete' };
        return;
      case 'error':
        outcome ??= { status: 'failed', error: message.error };
    }
  };
  worker.onMessage(onMessage);

  const done = new Promise<ProfileResult>((resolve) => {
    worker.onExit((exit) => {
      clearTimeout(watchdog);
      sampler.setPid(null);
      const final = outcome ?? crashOutcome(exit, cancelled);
      void sampler.stop().then((stats) => {
        record({ type: 'sampler', stats });
        if (final.error) record({ type: 'error', error: final.error });
        record({ type: 'end', status: final.status });
        journal.close();
        // The summary is computed from the journal as written, exactly as a killed session's is rebuilt.
        const { records } = readJournal(journal.path);
        const result = finishSession(dir, records, final.status, request.analysis);
        resolve(result);
      });
    });
  });

  worker.send({ type: 'start', modelPath: request.modelPath, settings, profileDir: dir });
  return {
    sessionId,
    dir,
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      worker.send({ type: 'stop' });
      setTimeout(() => worker.kill(), CANCEL_GRACE_MS).unref();
    },
    done,
  };
}

/**
 * The sampler reads the worker's RSS at `hz`, so an allocation faster than one tick can
 * overshoot the cap by what it allocates in that tick; the kernel's OOM killer is the
 * last line behind this one.
 */
function memoryError(rssBytes: number, capBytes: number, defaultCap: boolean): ErrorInfo {
  const share = `${DEFAULT_MEMORY_CAP_SHARE * 100} % of this machine's memory`;
  const cap = defaultCap ? `${gb(capBytes)} (${share})` : gb(capBytes);
  return {
    kind: 'out-of-memory',
    message: `The worker's resident memory reached ${gb(rssBytes)}, over the memory cap of ${cap}; it was stopped. Profile on a machine with more memory, use a smaller batch or smaller --dim values, or raise the cap with --memory-cap SIZE.`,
  };
}

/** A worker that ended without saying done or error crashed or was killed. */
function crashOutcome(exit: WorkerExit, cancelled: boolean): { status: SessionStatus; error: ErrorInfo } {
  if (cancelled)
    return {
      status: 'cancelled',
      error: { kind: 'cancelled', message: 'The session was cancelled before the worker finished.' },
    };
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const detail = exit.stderrTail.trim().split('\n').slice(-3).join(' | ');
  return {
    status: 'incomplete',
    error: {
      kind: 'worker-crashed',
      message: `The inference worker ${how}${detail ? `: ${detail}` : ''}. Everything recorded until then is kept.`,
    },
  };
}

/** Profiles to completion; the CLI and tests use this when they need no handle. */
export async function profileModel(request: ProfileRequest, listeners?: ProfileListeners): Promise<ProfileResult> {
  const handle = await startProfile(request, listeners);
  return handle.done;
}
