/**
 * The workers as the desktop app runs them: over a utility-process port instead of
 * Node IPC. Electron cannot start here, so its UtilityProcess is stood in for by
 * support/forked-utility-process.ts; everything else is real — the worker entries,
 * ONNX Runtime, the profiler and calibration, and adaptUtilityProcess from the shell.
 */
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../electron/core/analysis/calibrate.js';
import type {
  HostToCalibrationWorker,
  CalibrationWorkerToHost,
} from '../../../electron/core/analysis/calibration-protocol.js';
import type { HostToWorker, WorkerToHost } from '../../../electron/core/inference/protocol.js';
import { type WorkerExit, workerEntry } from '../../../electron/core/inference/worker-client.js';
import { profileModel, startProfile } from '../../../electron/core/profiler.js';
import { adaptUtilityProcess, type UtilityHandle } from '../../../electron/hosts/desktop/utility-handle.js';
import { WORKER_DONE } from '../../../electron/workers/parent-channel.js';
import { defaultSettings, type ProfileSettings } from '../../../electron/shared/session.js';
import { modelPath, tempDir } from '../../helpers/paths.js';
import { ForkedUtilityProcess } from './support/forked-utility-process.js';

const quick = (overrides: Partial<ProfileSettings> = {}): ProfileSettings => ({
  ...defaultSettings,
  runs: 5,
  warmup: 1,
  hz: 50,
  ...overrides,
});

/** A launcher that keeps what the profiler's handle saw, for the assertions. */
function watchedLauncher() {
  const seen: { messages: WorkerToHost[]; exits: WorkerExit[]; spawnedPids: number[]; handles: unknown[] } = {
    messages: [],
    exits: [],
    spawnedPids: [],
    handles: [],
  };
  const launcher = (): UtilityHandle<HostToWorker, WorkerToHost> => {
    const handle = adaptUtilityProcess<HostToWorker, WorkerToHost>(
      new ForkedUtilityProcess(workerEntry('inference-worker')),
    );
    handle.onMessage((message) => seen.messages.push(message));
    handle.onExit((exit) => seen.exits.push(exit));
    handle.onSpawn((pid) => seen.spawnedPids.push(pid));
    seen.handles.push(handle);
    return handle;
  };
  return { launcher, seen };
}

describe('the inference worker over a utility-process port', () => {
  it('profiles a model to a complete session and exits cleanly after the handshake', async () => {
    const { launcher, seen } = watchedLauncher();
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('utility'),
      settings: quick(),
      launcher,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('complete');
    expect(result.runs.filter((run) => !run.warmup)).toHaveLength(5);
    expect(result.ops.length).toBeGreaterThan(0);
    // The end-of-stream marker is transport, not protocol: the profiler never sees it.
    expect(seen.messages.map((m) => m.type)).not.toContain(WORKER_DONE);
    expect(seen.messages.at(-1)?.type).toBe('done');
    expect(seen.exits).toEqual([{ code: 0, signal: null, stderrTail: '' }]);
    expect(seen.spawnedPids).toHaveLength(1);
    expect(seen.spawnedPids[0]).toBeGreaterThan(0);
  });

  it('keeps what was recorded when the worker is killed mid-run', async () => {
    const { launcher, seen } = watchedLauncher();
    let killed = false;
    const handle = await startProfile(
      {
        modelPath: modelPath('mlp.onnx'),
        sessionsDir: tempDir('utility-kill'),
        settings: quick({ runs: 1_000_000, warmup: 0 }),
        launcher,
      },
      {
        onProgress: (progress) => {
          if (killed || progress.phase !== 'runs' || progress.runsDone === 0) return;
          killed = true;
          (seen.handles[0] as UtilityHandle<HostToWorker, WorkerToHost>).kill();
        },
      },
    );
    const result = await handle.done;
    expect(killed).toBe(true);
    expect(result.status).toBe('incomplete');
    expect(result.error?.kind).toBe('worker-crashed');
    expect(result.runs.length).toBeGreaterThan(0);
    expect(seen.exits[0]?.code).not.toBe(0);
  });
});

describe('the calibration worker over a utility-process port', () => {
  it('measures this machine and exits cleanly after the handshake', async () => {
    const exits: WorkerExit[] = [];
    const profile = await calibrate({
      quick: true,
      scratchDir: tempDir('utility-calibrate'),
      launcher: () => {
        const handle = adaptUtilityProcess<HostToCalibrationWorker, CalibrationWorkerToHost>(
          new ForkedUtilityProcess(workerEntry('calibration-worker')),
        );
        handle.onExit((exit) => exits.push(exit));
        return handle;
      },
    });
    expect(profile.gemm.length).toBeGreaterThan(0);
    expect(profile.memoryBandwidthBytesPerSec).toBeGreaterThan(0);
    // The calibration settles on its result; the worker's exit comes just after. (Its
    // stderr holds ORT's complaint about the CUDA provider library it probes for.)
    await expect.poll(() => exits.map(({ code, signal }) => ({ code, signal }))).toEqual([{ code: 0, signal: null }]);
  });
});
