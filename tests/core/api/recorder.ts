/** Records every event an API emits, so a test can wait for one and then look at the rest. */
import type {
  PhaseEvent,
  ProfilerApi,
  ProgressEvent,
  SampleEvent,
  SessionChangeEvent,
} from '../../../electron/shared/api.js';

export interface EventLog {
  samples: SampleEvent[];
  phases: PhaseEvent[];
  progress: ProgressEvent[];
  changes: SessionChangeEvent[];
  /** Resolves with the first event that matches, waiting up to `timeoutMs` for it. */
  waitFor<T>(pick: (log: EventLog) => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** The session's `ended` change. */
  ended(sessionId: string, timeoutMs?: number): Promise<SessionChangeEvent>;
  stop(): void;
}

const POLL_MS = 25;

export function recordEvents(api: ProfilerApi): EventLog {
  const log: EventLog = {
    samples: [],
    phases: [],
    progress: [],
    changes: [],
    async waitFor(pick, what, timeoutMs = 30_000) {
      for (let waitedMs = 0; ; waitedMs += POLL_MS) {
        const found = pick(log);
        if (found !== undefined) return found;
        if (waitedMs >= timeoutMs) throw new Error(`no event ${what} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    ended(sessionId, timeoutMs) {
      return log.waitFor(
        (l) => l.changes.find((c) => c.sessionId === sessionId && c.change === 'ended'),
        `ending session ${sessionId}`,
        timeoutMs,
      );
    },
    stop: () => stops.forEach((stop) => stop()),
  };
  const stops = [
    api.onSample((e) => log.samples.push(e)),
    api.onPhase((e) => log.phases.push(e)),
    api.onProgress((e) => log.progress.push(e)),
    api.onSessionChange((e) => log.changes.push(e)),
  ];
  return log;
}
