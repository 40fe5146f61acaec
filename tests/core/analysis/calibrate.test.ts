import { fork } from 'node:child_process';
import { readdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calibrate,
  getMachineProfile,
  loadCachedProfile,
  machineFingerprint,
  profilePath,
  saveProfile,
  threadSweep,
  type CalibrationProgress,
  type CalibrationWorkerHandle,
} from '../../../electron/core/analysis/calibrate.js';
import { MachineProfile } from '../../../electron/shared/analysis.js';
import { collectMachineInfo } from '../../../electron/core/sampling/index.js';
import { tempDir } from '../../helpers/paths.js';

// Every calibration here is `quick`: small sizes, so the figures are only checked for
// being measured at all. `modeldyno calibrate` uses the full sizes.
const TMPFS_MAGIC = 0x01021994;

describe('calibrate', () => {
  const home = tempDir('calibrate');
  const scratchDir = join(home, 'scratch');
  const previousHome = process.env.MODELDYNO_HOME;
  let profile: MachineProfile;
  const progress: CalibrationProgress[] = [];

  beforeAll(async () => {
    process.env.MODELDYNO_HOME = home;
    profile = await calibrate({ quick: true, scratchDir, onProgress: (p) => progress.push(p) });
  });

  afterAll(() => {
    if (previousHome === undefined) delete process.env.MODELDYNO_HOME;
    else process.env.MODELDYNO_HOME = previousHome;
  });

  it('measures a MachineProfile that parses, with one GEMM entry per thread count', async () => {
    const machine = await collectMachineInfo();
    expect(MachineProfile.parse(profile)).toEqual(profile);
    expect(profile.gemm.map((g) => g.threads)).toEqual(threadSweep(machine.logicalCores, machine.physicalCores));
    for (const g of profile.gemm) expect(g.flopsPerSec).toBeGreaterThan(0);
    expect(profile.memoryBandwidthBytesPerSec).toBeGreaterThan(0);
    expect(profile.diskReadMBps).toBeGreaterThan(0);
    expect(profile.fingerprint).toBe(machineFingerprint(machine));
  });

  it('reads the disk cold where the scratch folder is on a real disk, and removes its file', () => {
    const inMemory = statfsSync(scratchDir).type === TMPFS_MAGIC;
    expect(profile.diskReadCold).toBe(!inMemory);
    expect(readdirSync(scratchDir)).toEqual([]);
  });

  it('leaves host↔device copies unmeasured without a GPU execution provider', () => {
    expect(profile.hostToDeviceGBps).toBeNull();
    expect(profile.deviceToHostGBps).toBeNull();
  });

  it('reports progress that counts up to its total', () => {
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done)).toBe(true);
    expect(new Set(progress.map((p) => p.step.split(',')[0])).size).toBeGreaterThanOrEqual(4);
  });

  it('keeps the fingerprint stable, and changes it when the memory size changes', async () => {
    const machine = await collectMachineInfo();
    expect(machineFingerprint(machine)).toBe(machineFingerprint({ ...machine }));
    expect(machineFingerprint({ ...machine, memTotalBytes: machine.memTotalBytes + 2 ** 30 })).not.toBe(
      machineFingerprint(machine),
    );
  });

  it('round-trips a profile through the cache', async () => {
    const dir = join(home, 'roundtrip');
    expect(await loadCachedProfile(dir)).toBeNull();
    const path = saveProfile(profile, dir);
    expect(path).toBe(profilePath(profile.fingerprint, dir));
    expect(await loadCachedProfile(dir)).toEqual(profile);
  });

  it('returns the cached profile on a second getMachineProfile() and measures again on refresh', async () => {
    const dir = join(home, 'machine-profiles');
    const first = await getMachineProfile({ quick: true, scratchDir, dir });
    const second = await getMachineProfile({ quick: true, scratchDir, dir });
    expect(second).toEqual(first);
    const refreshed = await getMachineProfile({ quick: true, scratchDir, dir, refresh: true });
    expect(refreshed.measuredAt).not.toBe(first.measuredAt);
    expect(await loadCachedProfile(dir)).toEqual(refreshed);
  });

  it('rejects with worker-crashed when the worker dies before reporting', async () => {
    const launcher = (): CalibrationWorkerHandle => {
      const child = fork('-e', ['process.exit(3)'], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      return {
        send: () => {},
        kill: () => child.kill('SIGKILL'),
        onMessage: () => {},
        onExit: (listener) => child.on('close', (code, signal) => listener({ code, signal, stderrTail: '' })),
      };
    };
    await expect(calibrate({ quick: true, scratchDir, launcher })).rejects.toMatchObject({ kind: 'worker-crashed' });
  });
});
