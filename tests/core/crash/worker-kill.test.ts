/**
 * SIGKILL of the inference worker at seeded random points of each phase. The host must
 * outlive it, keep every record it journalled up to the kill, and list the session as
 * `incomplete` with a `worker-crashed` error that names the signal.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePreset } from '../../../models/index.js';
import { profileModel, startProfile } from '../../../electron/core/profiler.js';
import { readJournal } from '../../../electron/core/recording/journal.js';
import type { JournalRecord } from '../../../electron/core/recording/journal-record.js';
import { JOURNAL_FILE, listSessions, loadSession, SUMMARY_FILE } from '../../../electron/core/recording/store.js';
import { defaultSettings, type PhaseName, type ProfileSettings } from '../../../electron/shared/session.js';
import { tempDir } from '../../helpers/paths.js';
import { isRunning, seededRandom } from './seeded.js';

/**
 * mlp-large (235 MB of weights) makes every phase long enough to land in on a 2-core
 * machine: measured here read ~0.2 s, create ~0.8 s, three warm-up runs ~0.5–1.5 s;
 * the measured runs last `durationS`.
 */
const SETTINGS: ProfileSettings = { ...defaultSettings, warmup: 3, durationS: 2, hz: 50 };

type KilledPhase = Extract<PhaseName, 'read' | 'create' | 'warmup' | 'runs'>;
const random = seededRandom(20_240_607);
/**
 * Where in each phase the kill lands, as a fraction of that phase's length in an unkilled
 * session of the same model: at most half, so a phase that runs a little faster under
 * load is still under way when the signal arrives. In the measured runs the clock starts
 * at the first run's record (so some are journalled), with half of `durationS` to go.
 */
const KILLS: Array<{ phase: KilledPhase; fraction: number }> = (['read', 'create', 'warmup', 'runs'] as const).map(
  (phase) => ({ phase, fraction: 0.05 + 0.45 * random() }),
);

let modelPath: string;
let root: string;
const phaseMs = new Map<PhaseName, number>();

beforeAll(async () => {
  modelPath = await makePreset('mlp-large', tempDir('crash-model'));
  root = tempDir('crash-worker');
  // One unkilled session measures how long each phase lasts on this machine, now; the
  // measured runs last as long as they are told to, so it need not wait for them.
  const settings = { ...SETTINGS, durationS: 0.1 };
  const result = await profileModel({ modelPath, sessionsDir: tempDir('crash-measure'), settings });
  expect(result.status).toBe('complete');
  for (const phase of result.phases) phaseMs.set(phase.name, phase.durationMs);
  phaseMs.set('runs', (SETTINGS.durationS! * 1000) / 2);
}, 120_000);

describe('a worker killed with SIGKILL', () => {
  it.each(KILLS)(
    'leaves an incomplete session with every record journalled until the kill, killed in $phase',
    async ({ phase, fraction }) => {
      const seen: JournalRecord[] = [];
      let workerPid: number | null = null;
      // The phase under way as the host sees it: set when it starts, cleared by its phase record.
      let current: PhaseName | null = null;
      let killedIn: PhaseName | null = null;
      const delayMs = fraction * phaseMs.get(phase)!;
      let armed = false;
      const arm = () => {
        armed = true;
        setTimeout(() => {
          killedIn = current;
          process.kill(workerPid!, 'SIGKILL');
        }, delayMs);
      };
      const handle = await startProfile(
        { modelPath, sessionsDir: root, settings: SETTINGS },
        {
          onRecord: (record) => {
            seen.push(record);
            if (record.type === 'worker') workerPid = record.pid;
            if (record.type === 'phase' && record.phase.name === current) current = null;
            if (phase === 'runs' && record.type === 'run' && !record.run.warmup && !armed) arm();
          },
          onPhaseStart: (started) => {
            current = started;
            if (started === phase && phase !== 'runs') arm();
          },
        },
      );
      const result = await handle.done;

      expect(killedIn, `the kill ${delayMs.toFixed(0)} ms into ${phase} landed in it`).toBe(phase);
      expect(result.status).toBe('incomplete');
      expect(result.error?.kind).toBe('worker-crashed');
      expect(result.error?.message).toMatch(/killed by SIGKILL/);
      // The worker is gone (its exit was reported), not left running.
      expect(isRunning(workerPid!)).toBe(false);

      // The journal on disk holds exactly what the host recorded, in order, nothing torn.
      const journal = readJournal(join(handle.dir, JOURNAL_FILE));
      expect(journal.truncated).toBe(false);
      expect(journal.invalidLines).toBe(0);
      expect(journal.records).toEqual(seen);
      expect(seen.some((r) => r.type === 'sample')).toBe(true);
      expect(seen.at(-1)).toEqual({ type: 'end', status: 'incomplete' });
      // Nothing of the killed phase's end, nor of any phase after it, was recorded.
      const ended = seen.flatMap((r) => (r.type === 'phase' ? [r.phase.name] : []));
      expect(ended).not.toContain(phase);
      if (phase === 'runs') expect(seen.some((r) => r.type === 'run' && !r.run.warmup)).toBe(true);

      const listed = listSessions(root).find((s) => s.result.sessionId === handle.sessionId);
      expect(listed?.result.status).toBe('incomplete');
      expect(listed?.result.runs).toEqual(result.runs);
      // Without its summary the session is rebuilt from the journal alone, the same way.
      rmSync(join(handle.dir, SUMMARY_FILE));
      const rebuilt = loadSession(root, handle.sessionId).result;
      expect(rebuilt.status).toBe('incomplete');
      expect(rebuilt.error).toEqual(result.error);
      expect(rebuilt.runs).toEqual(result.runs);
      expect(rebuilt.sampler.samples).toBe(result.sampler.samples);
    },
  );
});
