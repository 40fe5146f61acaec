/**
 * A profile started through the API: the profiler's listeners turned into contract
 * events, and the session's columns filled as samples arrive so the timeline can
 * query a running session like a stored one.
 */
import type { SeriesInfo } from '../../shared/sample.js';
import type { ProfileResult, ProfileSettings } from '../../shared/session.js';
import type { MachineProfile } from '../../shared/analysis.js';
import { recommendationTargets } from '../analysis/targets.js';
import type { WorkerLauncher } from '../inference/worker-client.js';
import { startProfile, type ProfileHandle } from '../profiler.js';
import type { EventHub } from './events.js';
import { SessionSeries } from '../recording/series-store.js';

export interface LiveSession {
  handle: ProfileHandle;
  series: SessionSeries;
  done: Promise<ProfileResult>;
}

export interface LiveOptions {
  modelPath: string;
  settings: ProfileSettings;
  sessionsDir: string;
  profile: MachineProfile | null;
  launcher?: WorkerLauncher;
  hub: EventHub;
}

export async function startLiveProfile(options: LiveOptions): Promise<LiveSession> {
  const { hub } = options;
  const series = new SessionSeries();
  let sessionId = '';
  let newSeries: SeriesInfo[] = [];
  let lastStep = '';
  const handle = await startProfile(
    {
      modelPath: options.modelPath,
      settings: options.settings,
      sessionsDir: options.sessionsDir,
      ...(options.launcher ? { launcher: options.launcher } : {}),
      analysis: {
        profile: options.profile,
        targets: recommendationTargets(),
        peakFlopsPerSec: options.profile?.peakFp32FlopsEstimate ?? null,
      },
    },
    {
      onRecord: (record) => {
        if (record.type === 'header') sessionId = record.sessionId;
        else if (record.type === 'sample') series.append(record.sample);
        else if (record.type === 'op') series.ops?.push(record.op);
        else if (record.type === 'series') {
          series.addSeries(record.series);
          newSeries.push(...record.series);
        } else if (record.type === 'phase')
          hub.emit('onPhase', {
            sessionId,
            phase: record.phase.name,
            state: 'end',
            atMs: record.phase.startMs + record.phase.durationMs,
            span: record.phase,
          });
      },
      // The profiler records a sample and any series it brought before calling this.
      onSample: (sample) => {
        hub.emit('onSample', { sessionId, sample, newSeries });
        newSeries = [];
      },
      onPhaseStart: (phase, atMs) => hub.emit('onPhase', { sessionId, phase, state: 'start', atMs, span: null }),
      onProgress: (progress) => {
        lastStep = progress.phase;
        hub.emit('onProgress', {
          task: 'profile',
          sessionId,
          step: lastStep,
          done: progress.runsDone,
          total: progress.runsTotal,
        });
      },
    },
  );
  hub.emit('onSessionChange', { sessionId: handle.sessionId, change: 'started', status: 'running' });
  const done = handle.done.then((result) => {
    hub.emit('onSessionChange', { sessionId: handle.sessionId, change: 'ended', status: result.status });
    return result;
  });
  return { handle, series, done };
}
