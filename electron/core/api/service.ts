/**
 * The `ProfilerApi`, implemented once over the engine. Every host exposes this same
 * object through its transport: the desktop shell over IPC, the web host over a
 * WebSocket, the tests in memory. Arguments arrive already validated by `dispatch`.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisView, ProfilerApi, SeriesWindow } from '../../shared/api.js';
import { DynoError } from '../../shared/errors.js';
import { defaultSettings, ProfileSettings, type ProfileResult } from '../../shared/session.js';
import { analyse } from '../analysis/analyse.js';
import { calibrate, machineFingerprint, saveProfile, type CalibrationWorkerHandle } from '../analysis/calibrate.js';
import { readProfile } from '../analysis/calibration-cache.js';
import { collectMachineInfo } from '../sampling/index.js';
import { loadCatalogue } from '../analysis/catalogue.js';
import { recommendationTargets, resolveTarget } from '../analysis/targets.js';
import { project } from '../analysis/whatif.js';
import type { WorkerLauncher } from '../inference/worker-client.js';
import type { FidelityLauncher } from '../compress/fidelity.js';
import { packageVersion } from '../package-root.js';
import { loadSessionData, sessionsRoot } from '../recording/store.js';
import { SessionCache } from './session-cache.js';
import { exportComparison, exportSession } from './exports.js';
import { browse, Roots } from './browse.js';
import { compareResults } from './compare.js';
import { downsample } from './downsample.js';
import { EventHub } from './events.js';
import { exampleModels } from './examples.js';
import { startLiveProfile, type LiveSession } from './live.js';
import { inspectModelFile } from './model-overview.js';
import { readSessionOps, readSessionSeries, SeriesCache, type SessionSeries } from '../recording/series-store.js';
import { sessionSummary, storedAnalysis, whatIfBaseline } from './summaries.js';
import { compressionService } from './compression.js';
import { compressionOfSession } from '../compress/of-session.js';
import { compressionsRoot } from '../compress/store.js';
import { withoutMeasuredEstimates } from '../compress/recommend.js';

export interface ServiceOptions {
  hostKind: 'desktop' | 'web' | 'memory';
  /** Folders models may be opened from; empty allows any path (the desktop app). */
  roots: string[];
  sessionsDir?: string;
  launcher?: WorkerLauncher;
  calibrationLauncher?: () => CalibrationWorkerHandle;
  /** How fidelity workers start: a forked Node process unless the desktop shell gives a utilityProcess. */
  fidelityLauncher?: FidelityLauncher;
}

export type ProfilerService = ProfilerApi & { dispose(): Promise<void> };

const DEFAULT_MAX_POINTS = 1500;
const DISPOSE_WAIT_MS = 5000;

export function createProfilerService(options: ServiceOptions): ProfilerService {
  const root = sessionsRoot(options.sessionsDir);
  // Variant models the compression lab wrote may be opened wherever the host's roots are.
  const roots = new Roots(options.roots, [compressionsRoot(root)]);
  const hub = new EventHub();
  const live = new Map<string, LiveSession>();
  const seriesCache = new SeriesCache();
  const sessions = new SessionCache(root);
  let calibrating: Promise<unknown> | null = null;
  let starting = false;

  const seriesOf = (id: string): SessionSeries =>
    live.get(id)?.series ??
    seriesCache.get(id, () => {
      const result = sessions.get(id); // throws session-not-found for an unknown id
      return readSessionSeries(join(root, id), result.status !== 'running');
    });
  const opsOf = (id: string) => {
    const series = seriesOf(id);
    return (series.ops ??= readSessionOps(join(root, id)));
  };

  // Describing the machine runs systeminformation's probes (90 ms here); the machine does not change while we run.
  let fingerprint: Promise<string> | null = null;
  const machineProfile = async () => readProfile(await (fingerprint ??= collectMachineInfo().then(machineFingerprint)));
  /** The profile of the machine that recorded a session: stored with it, else one cached here for that machine. */
  const profileFor = async (result: ProfileResult) =>
    result.machineProfile ?? readProfile(machineFingerprint(result.machine));

  const runCalibration = async (refresh: boolean) => {
    if (live.size > 0)
      throw new DynoError('busy', 'A profile is running; calibrate after it ends (calibration saturates every core).');
    if (!refresh) {
      const cached = await machineProfile();
      if (cached) return cached;
    }
    if (calibrating) throw new DynoError('busy', 'A calibration is already running.');
    const task = calibrate({
      onProgress: (p) => hub.emit('onProgress', { task: 'calibrate', sessionId: null, ...p }),
      ...(options.calibrationLauncher ? { launcher: options.calibrationLauncher } : {}),
    });
    calibrating = task;
    try {
      const profile = await task;
      saveProfile(profile);
      return profile;
    } finally {
      calibrating = null;
    }
  };

  /** Profiles one model as a live session the app can watch, and waits for its end. */
  const profileLive = async (modelPath: string, settings: ProfileSettings, onStart: (id: string) => void) => {
    const session = await startLiveProfile({
      modelPath,
      settings,
      sessionsDir: root,
      profile: await machineProfile(),
      hub,
      ...(options.launcher ? { launcher: options.launcher } : {}),
    });
    const id = session.handle.sessionId;
    live.set(id, session);
    onStart(id);
    try {
      return await session.done;
    } finally {
      seriesCache.set(id, session.series);
      live.delete(id);
    }
  };
  const lookupSession = (id: string) => {
    try {
      return sessions.get(id);
    } catch {
      return null;
    }
  };
  const compression = compressionService({
    root,
    roots,
    lookup: lookupSession,
    hub,
    idle: () => live.size === 0 && !starting && !calibrating,
    ensureMachineProfile: async () => {
      await runCalibration(false);
    },
    profileLive,
    cancelLive: (id) => live.get(id)?.handle.cancel(),
    ...(options.fidelityLauncher ? { fidelityLauncher: options.fidelityLauncher } : {}),
  });

  const analysisOf = async (id: string): Promise<AnalysisView> => {
    const stored = sessions.get(id);
    const profile = await profileFor(stored);
    // The recorder analysed the session when it ended; that stands unless a machine
    // profile exists now that it lacked then. Re-analysing reads the whole journal.
    if (stored.bottlenecks && (stored.machineProfile || !profile)) return storedAnalysis(stored);
    const data = loadSessionData(root, id);
    const analysis = analyse(data, profile, recommendationTargets(), profile?.peakFp32FlopsEstimate ?? null);
    return {
      sessionId: id,
      machineProfile: analysis.machineProfile,
      cost: analysis.cost,
      bottlenecks: analysis.bottlenecks,
      segments: analysis.segments,
      recommendations: analysis.recommendations,
    };
  };

  const api: ProfilerService = {
    hostInfo: async () => ({
      kind: options.hostKind,
      version: packageVersion(),
      platform: process.platform,
      canBrowse: roots.restricted,
      roots: roots.list,
    }),
    examples: async () => exampleModels(),
    inspectModel: async (path) => inspectModelFile(roots.check(path, 'Model'), sessions.list()),
    browse: async (path) => browse(roots, path),

    startProfile: async ({ modelPath, settings }) => {
      const real = roots.check(modelPath, 'Model');
      if (!statSync(real).isFile()) throw new DynoError('model-not-found', `${modelPath} is not a file.`);
      if (live.size > 0 || starting)
        throw new DynoError('busy', 'A profile is already running; cancel it or wait (two at once would skew both).');
      if (calibrating) throw new DynoError('busy', 'The machine is being calibrated; start the profile after it.');
      if (compression.running())
        throw new DynoError('busy', 'A compression experiment is running; cancel it or wait for it to end.');
      const parsed = ProfileSettings.safeParse({ ...defaultSettings, ...settings });
      if (!parsed.success) throw new DynoError('usage', `invalid settings: ${parsed.error.issues[0]?.message}`);
      starting = true; // the awaits below must not let a second start slip past the check above
      let session: LiveSession;
      try {
        // Measured before the session, never during it: calibration saturates every core.
        const profile = (await machineProfile()) ?? (await runCalibration(false));
        session = await startLiveProfile({
          modelPath: real,
          settings: parsed.data,
          sessionsDir: root,
          profile,
          hub,
          ...(options.launcher ? { launcher: options.launcher } : {}),
        });
      } finally {
        starting = false;
      }
      const id = session.handle.sessionId;
      live.set(id, session);
      void session.done.finally(() => {
        seriesCache.set(id, session.series);
        live.delete(id);
      });
      return { sessionId: id };
    },
    cancelProfile: async (id) => {
      const session = live.get(id);
      if (!session) throw new DynoError('session-not-found', `No running session "${id}" to cancel.`);
      session.handle.cancel();
    },

    machineProfile,
    calibrate: ({ refresh }) => runCalibration(refresh),

    listSessions: async () => sessions.list().map(sessionSummary),
    openSession: async (id) => sessions.get(id),
    deleteSession: async (id) => {
      if (live.has(id)) throw new DynoError('busy', `Session ${id} is running; cancel it first.`);
      sessions.get(id); // throws session-not-found for an unknown id
      rmSync(join(root, id), { recursive: true, force: true });
      sessions.delete(id);
      seriesCache.delete(id);
      hub.emit('onSessionChange', { sessionId: id, change: 'deleted', status: null });
    },

    querySeries: async (query) => {
      const series = seriesOf(query.sessionId);
      const empty = series.startMs > series.endMs;
      const span = empty ? { startMs: 0, endMs: 0 } : { startMs: series.startMs, endMs: series.endMs };
      const fromMs = query.fromMs ?? span.startMs;
      const toMs = Math.max(fromMs, query.toMs ?? span.endMs);
      const wanted = query.names ? new Set(query.names) : null;
      const maxPoints = query.maxPoints ?? DEFAULT_MAX_POINTS;
      const window: SeriesWindow = {
        sessionId: query.sessionId,
        fromMs,
        toMs,
        spanMs: span,
        series: [],
        downsampled: false,
      };
      for (const { info, column } of series.described()) {
        if (wanted && !wanted.has(info.name)) continue;
        const points = downsample(column, fromMs, toMs, maxPoints);
        if (points.rawCount > maxPoints) window.downsampled = true;
        window.series.push({ info, ...points });
      }
      return window;
    },
    queryOps: async ({ sessionId, fromMs, toMs, limit = 2000 }) => {
      const inWindow = opsOf(sessionId).filter((op) => op.startMs <= toMs && op.startMs + op.durationMs >= fromMs);
      return { sessionId, ops: inWindow.slice(0, limit), omitted: Math.max(0, inWindow.length - limit) };
    },

    analyse: async (id) => {
      const view = await analysisOf(id);
      // Measured beats projected: an experiment that profiled variants of this session's model adds its verdicts.
      const compression = compressionOfSession(root, id, lookupSession);
      if (compression) {
        view.recommendations = [
          ...compression.recommendations,
          ...withoutMeasuredEstimates(view.recommendations, compression),
        ];
      }
      return view;
    },
    listTargets: async () => loadCatalogue(),
    whatIf: async ({ sessionId, targets }) => {
      const specs = targets.map(resolveTarget);
      const data = loadSessionData(root, sessionId);
      const profile = data.result.machineProfile ?? (await machineProfile());
      if (!profile) throw new DynoError('usage', 'No machine profile: calibrate this machine first (it takes 5–30 s).');
      const whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf;
      if (!whatIf) throw new DynoError('session-invalid', `Session ${sessionId} has no measured run to project.`);
      return { sessionId, baseline: whatIfBaseline(data.result), projections: specs.map((t) => project(whatIf, t)) };
    },
    compare: async (a, b) => compareResults(sessions.get(a), sessions.get(b), sessionSummary),
    exportSession: async (id, format) => exportSession({ root, sessions }, id, format),
    exportComparison: async (a, b) => exportComparison({ root, sessions }, a, b),
    ...compression.methods,

    onSample: (listener) => hub.on('onSample', listener),
    onPhase: (listener) => hub.on('onPhase', listener),
    onProgress: (listener) => hub.on('onProgress', listener),
    onSessionChange: (listener) => hub.on('onSessionChange', listener),

    dispose: async () => {
      compression.cancelAll();
      const running = [...live.values()];
      running.forEach((session) => session.handle.cancel());
      const wait = new Promise((resolve) => setTimeout(resolve, DISPOSE_WAIT_MS).unref());
      await Promise.race([Promise.allSettled(running.map((s) => s.done)), wait]);
    },
  };
  return api;
}
