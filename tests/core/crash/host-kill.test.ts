/**
 * SIGKILL of the host (the real `modeldyno profile` process) in the middle of a
 * duration-mode session. Nothing ends the session properly: no `end` record, no
 * session.json. The journal is then the only truth, and every reader must agree with it.
 * (tests/hosts/cli/cli.test.ts kills a run-count session and checks `sessions --json`.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../../electron/core/recording/journal.js';
import {
  JOURNAL_FILE,
  listSessions,
  loadSession,
  loadSessionData,
  SUMMARY_FILE,
} from '../../../electron/core/recording/store.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { isRunning, seededRandom, waitFor } from './seeded.js';

/** How many samples the journal holds before the kill: seeded, between 10 and 40 (0.2–0.8 s at 50 Hz). */
const SAMPLES_BEFORE_KILL = 10 + Math.floor(seededRandom(7)() * 30);

describe('a host killed with SIGKILL mid-run', () => {
  it('leaves an incomplete session whose every reader agrees with its journal, and no worker behind', async () => {
    const sessions = tempDir('crash-host');
    const args = ['profile', modelPath('mlp.onnx'), '--duration', '20', '--hz', '50', '--sessions', sessions];
    const host = spawnCli(args);
    const closed = new Promise((resolve) => host.on('close', resolve));
    const journalText = () => {
      const [id] = existsSync(sessions) ? readdirSync(sessions) : [];
      // The session folder is made a moment before its journal: until then there is nothing to read.
      const path = id ? join(sessions, id, JOURNAL_FILE) : '';
      return path && existsSync(path) ? readFileSync(path, 'utf8') : '';
    };
    const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
    const ready = await waitFor(() => {
      const text = journalText();
      return count(text, /"type":"sample"/g) >= SAMPLES_BEFORE_KILL && count(text, /"warmup":false/g) > 0;
    }, 30_000);
    expect(ready, 'the session reached its measured runs with samples').toBe(true);
    host.kill('SIGKILL');
    await closed;

    const [id] = readdirSync(sessions);
    const dir = join(sessions, id!);
    expect(existsSync(join(dir, SUMMARY_FILE))).toBe(false);
    // Every complete line of the journal is a record; a kill between writes tears none.
    const text = readFileSync(join(dir, JOURNAL_FILE), 'utf8');
    const lines = text.split('\n').slice(0, -1);
    const parsed = lines.map((line) => JSON.parse(line) as { type: string; sample?: unknown; pid?: number });
    const journal = readJournal(join(dir, JOURNAL_FILE));
    expect(journal.invalidLines).toBe(0);
    expect(journal.records).toHaveLength(parsed.length);
    expect(parsed.some((r) => r.type === 'end')).toBe(false);

    // The worker noticed its host was gone and exited (generous bound: a run must finish first).
    const workerPid = parsed.find((r) => r.type === 'worker')!.pid!;
    expect(await waitFor(() => !isRunning(workerPid), 20_000), `worker ${workerPid} exited`).toBe(true);

    const samples = parsed.flatMap((r) => (r.type === 'sample' ? [r.sample] : []));
    expect(samples.length).toBeGreaterThanOrEqual(SAMPLES_BEFORE_KILL);
    const { result, truncated } = loadSession(sessions, id!);
    expect(result.status).toBe('incomplete');
    expect(truncated).toBe(journal.truncated);
    expect(result.sampler.samples).toBe(samples.length);
    expect(result.runs.filter((r) => !r.warmup).length).toBe(count(text, /"warmup":false/g));
    expect(loadSessionData(sessions, id!).samples).toEqual(samples);
    expect(listSessions(sessions).map((s) => [s.result.sessionId, s.result.status])).toEqual([[id, 'incomplete']]);

    const shown = await runCli(['show', id!, '--sessions', sessions]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${id} (incomplete)`);
    const shownJson = await runCli(['show', id!, '--json', '--sessions', sessions]);
    expect(JSON.parse(shownJson.stdout)).toEqual(JSON.parse(JSON.stringify(result)));
  });
});
