/**
 * Projection accuracy where it can be checked on this machine: predict a setting from a
 * session at another setting, then measure that setting, and report the absolute error.
 *   threads: from 1 intra-op thread predict all physical cores;
 *   batch:   from batch B predict batch 2B;
 *   cold:    from a warm load predict a cold one.
 * Each round also measures one setting twice: that difference is the noise floor of the
 * machine, below which no projection error can be shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePreset } from '../models/index.js';
import { analyse } from '../electron/core/analysis/analyse.js';
import { projectBatch } from '../electron/core/analysis/batch.js';
import { getMachineProfile } from '../electron/core/analysis/calibrate.js';
import { coldLoadMs } from '../electron/core/analysis/recommend.js';
import { project } from '../electron/core/analysis/whatif.js';
import { profileModel } from '../electron/core/profiler.js';
import { loadSessionData } from '../electron/core/recording/store.js';
import type { MachineProfile } from '../electron/shared/analysis.js';
import { defaultSettings, type ProfileSettings } from '../electron/shared/session.js';

export interface AccuracyRow {
  check: string;
  predicted: number;
  measured: number;
  errorPct: number;
}

export async function benchProjection(models: { mlp: string; cnn: string }, rounds: number): Promise<AccuracyRow[]> {
  const profile = await getMachineProfile();
  const dir = mkdtempSync(join(tmpdir(), 'dyno-accuracy-'));
  const rows: AccuracyRow[] = [];
  const session = async (modelPath: string, settings: Partial<ProfileSettings>) => {
    const result = await profileModel({
      modelPath,
      sessionsDir: dir,
      settings: { ...defaultSettings, runs: 30, warmup: 3, ...settings },
      analysis: { profile, targets: [], peakFlopsPerSec: profile.peakFp32FlopsEstimate ?? null },
    });
    if (result.status !== 'complete') throw new Error(`accuracy session ${result.status}: ${result.error?.message}`);
    return loadSessionData(dir, result.sessionId);
  };
  const row = (check: string, predicted: number, measured: number) =>
    rows.push({ check, predicted, measured, errorPct: (Math.abs(predicted - measured) / measured) * 100 });
  try {
    const cores = (await session(models.mlp, { runs: 2, opProfile: false })).result.machine.physicalCores;
    const large = await makePreset('mlp-large', dir);
    for (let round = 0; round < rounds; round++) {
      for (const [name, path, dims] of [
        ['mlp', models.mlp, {}],
        ['cnn', models.cnn, { height: 160, width: 160 }],
      ] as const) {
        if (cores > 1) {
          const one = await session(path, { intraOpThreads: 1, dims });
          const all = await session(path, { intraOpThreads: cores, dims });
          row(`${name} 1 → ${cores} threads`, predictThreads(one, profile, cores), all.result.latencyMs!.p50);
          // The same setting measured again: the error no projection can get below here.
          const again = await session(path, { intraOpThreads: cores, dims });
          row(`${name} noise floor (same run twice)`, again.result.latencyMs!.p50, all.result.latencyMs!.p50);
        }
      }
      const b = await session(models.mlp, { dims: { batch: 256 } });
      const b2 = await session(models.mlp, { dims: { batch: 512 } });
      row('mlp batch 256 → 512', predictBatch(b, profile, 2), b2.result.latencyMs!.p50);
      const c = await session(models.cnn, { dims: { batch: 1, height: 160, width: 160 } });
      const c2 = await session(models.cnn, { dims: { batch: 2, height: 160, width: 160 } });
      row('cnn batch 1 → 2', predictBatch(c, profile, 2), c2.result.latencyMs!.p50);
      const warm = await session(large, { runs: 1, warmup: 0, opProfile: false });
      const cold = await session(large, { runs: 1, warmup: 0, opProfile: false, cold: true });
      row('mlp-large warm → cold load', coldLoadMs(warm.result, profile.diskReadMBps) ?? NaN, cold.result.loadMs!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

type Data = Awaited<ReturnType<typeof loadSessionData>>;

function predictThreads(data: Data, profile: MachineProfile, threads: number): number {
  const whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf!;
  return project(whatIf, { id: 'threads', name: 'threads', kind: 'this-machine', threads }).latencyP50Ms!;
}

/** Kernels by their roofline ratio; time outside kernels grows with the tensors marshalled. */
function predictBatch(data: Data, profile: MachineProfile, k: number): number {
  const { result, opEvents } = data;
  const measured = result.runs.filter((r) => !r.warmup);
  const run = measured[Math.floor(measured.length / 2)]!.index;
  const threads = result.settings.intraOpThreads || result.machine.physicalCores;
  const batch = projectBatch(
    opEvents.filter((e) => e.run === run),
    k,
    profile,
    threads,
  );
  const outside = Math.max(0, result.latencyMs!.p50 - batch.measuredKernelMs);
  return batch.kernelMs + outside * k;
}
