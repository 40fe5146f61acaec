/**
 * The compression lab behind the API: one experiment at a time, run in the background
 * with progress events, each profile a live session the app can watch. Split from
 * `service.ts`, which hands it the pieces of the service it needs.
 */
import { statSync } from 'node:fs';
import type { ExportedFile, ProfilerApi, ProgressEvent } from '../../shared/api.js';
import { parseSpecList, type CompressionExperiment } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import { defaultSettings, ProfileSettings, type ProfileResult } from '../../shared/session.js';
import { runExperiment } from '../compress/experiment.js';
import type { FidelityLauncher } from '../compress/fidelity.js';
import {
  compressionsRoot,
  deleteExperiment,
  experimentSummary,
  listExperiments,
  loadExperiment,
} from '../compress/store.js';
import { compressionView, type SessionLookup } from '../compress/view.js';
import { loadReportInput, renderSessionReport } from '../report/index.js';
import type { Roots } from './browse.js';
import type { EventHub } from './events.js';

export interface CompressionDeps {
  /** The sessions root. */
  root: string;
  roots: Roots;
  /** A stored session, or null when it is gone or unreadable (its row then says n/a). */
  lookup: SessionLookup;
  hub: EventHub;
  /** True when no profile or calibration is running or starting. */
  idle(): boolean;
  /** Calibrates once if this machine has no profile yet (the analysis of each session needs it). */
  ensureMachineProfile(): Promise<void>;
  profileLive(
    modelPath: string,
    settings: ProfileSettings,
    onStart: (sessionId: string) => void,
  ): Promise<ProfileResult>;
  cancelLive(sessionId: string): void;
  fidelityLauncher?: FidelityLauncher;
}

type Methods = Pick<
  ProfilerApi,
  | 'startCompression'
  | 'cancelCompression'
  | 'listCompressions'
  | 'openCompression'
  | 'exportCompression'
  | 'deleteCompression'
>;

interface Running {
  id: string | null;
  cancelled: boolean;
  /** The session of the profile step under way, once it has started. */
  sessionId: string | null;
  last: Omit<ProgressEvent, 'task' | 'sessionId'> | null;
  done: Promise<CompressionExperiment>;
}

export function compressionService(deps: CompressionDeps) {
  const root = compressionsRoot(deps.root);
  let running: Running | null = null;
  const isRunning = (id: string) => running?.id === id;
  const emit = (event: Omit<ProgressEvent, 'task'>) => deps.hub.emit('onProgress', { task: 'compress', ...event });

  const methods: Methods = {
    startCompression: async ({ modelPath, variants, settings, profile }) => {
      const real = deps.roots.check(modelPath, 'Model');
      if (!statSync(real).isFile()) throw new DynoError('model-not-found', `${modelPath} is not a file.`);
      if (running) throw new DynoError('busy', 'A compression experiment is already running; cancel it or wait.');
      if (!deps.idle())
        throw new DynoError('busy', 'A profile or calibration is running; start the experiment after it ends.');
      const specs = parseSpecList(variants.join(','));
      const parsed = ProfileSettings.safeParse({ ...defaultSettings, ...settings });
      if (!parsed.success) throw new DynoError('usage', `invalid settings: ${parsed.error.issues[0]?.message}`);
      let created!: (id: string) => void;
      let failedEarly!: (err: unknown) => void;
      const started = new Promise<string>((resolve, reject) => {
        created = resolve;
        failedEarly = reject;
      });
      const state: Running = { id: null, cancelled: false, sessionId: null, last: null, done: null! };
      running = state;
      state.done = (async () => {
        if (profile) await deps.ensureMachineProfile();
        return runExperiment({
          modelPath: real,
          specs,
          settings: parsed.data,
          root,
          profile: profile
            ? (path) =>
                deps.profileLive(path, parsed.data, (sessionId) => {
                  state.sessionId = sessionId;
                  // The step's event went out before its session existed: say again, with the id,
                  // so that a view can follow the profile's own progress.
                  if (state.last) emit({ ...state.last, sessionId });
                })
            : null,
          ...(deps.fidelityLauncher ? { fidelityLauncher: deps.fidelityLauncher } : {}),
          cancelled: () => state.cancelled,
          onCreated: (experiment) => {
            state.id = experiment.id;
            created(experiment.id);
          },
          onProgress: (p) => {
            // A profile step's session starts after this event; until then it has none.
            state.sessionId = null;
            state.last = { experimentId: p.experimentId, step: p.step, done: p.done, total: p.total };
            emit({ ...state.last, sessionId: null });
          },
        });
      })();
      state.done.then(
        () => undefined,
        (err: unknown) => failedEarly(err),
      );
      void state.done
        .catch(() => undefined)
        .finally(() => {
          if (running === state) running = null;
        });
      return { experimentId: await started };
    },

    cancelCompression: async (id) => {
      if (!running || running.id !== id) {
        loadExperiment(root, id); // session-not-found for an unknown id
        throw new DynoError('usage', `Experiment ${id} is not running.`);
      }
      running.cancelled = true;
      if (running.sessionId) deps.cancelLive(running.sessionId);
    },

    listCompressions: async () => listExperiments(root, isRunning).map(experimentSummary),

    openCompression: async (id) => compressionView(loadExperiment(root, id, isRunning), deps.lookup),

    deleteCompression: async (id) => {
      if (isRunning(id)) throw new DynoError('busy', `Experiment ${id} is running; cancel it first.`);
      deleteExperiment(root, id);
    },

    exportCompression: async (id): Promise<ExportedFile> => {
      const experiment = loadExperiment(root, id, isRunning);
      if (experiment.baselineSessionId === null)
        throw new DynoError(
          'session-invalid',
          `Experiment ${id} has no profiled original to report on; run it with profiling.`,
        );
      const html = renderSessionReport(await loadReportInput(deps.root, experiment.baselineSessionId));
      return { fileName: `${id}.html`, mimeType: 'text/html', content: html, encoding: 'utf8' };
    },
  };

  return {
    methods,
    running: () => running !== null,
    cancelAll: () => {
      if (!running) return;
      running.cancelled = true;
      if (running.sessionId) deps.cancelLive(running.sessionId);
    },
  };
}
