import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../electron/core/analysis/analyse.js';
import { projectBatch, scaleBatch } from '../../../electron/core/analysis/batch.js';
import { getMachineProfile } from '../../../electron/core/analysis/calibrate.js';
import { findTarget } from '../../../electron/core/analysis/catalogue.js';
import { opCost } from '../../../electron/core/analysis/cost-model.js';
import { resolveTarget } from '../../../electron/core/analysis/targets.js';
import { project, type WhatIfInput } from '../../../electron/core/analysis/whatif.js';
import { profileModel } from '../../../electron/core/profiler.js';
import { loadSessionData } from '../../../electron/core/recording/store.js';
import type { MachineProfile } from '../../../electron/shared/analysis.js';
import { defaultSettings, type OpEvent } from '../../../electron/shared/session.js';
import { modelPath, tempDir, testHome } from '../../helpers/paths.js';

let profile: MachineProfile;
let whatIf: WhatIfInput;
let events: OpEvent[];

beforeAll(async () => {
  profile = await getMachineProfile({ dir: join(testHome, 'machine-profiles') });
  const sessionsDir = tempDir('whatif');
  const result = await profileModel({
    modelPath: modelPath('mlp.onnx'),
    sessionsDir,
    settings: { ...defaultSettings, runs: 5, warmup: 1 },
  });
  const data = loadSessionData(sessionsDir, result.sessionId);
  whatIf = analyse(data, profile, [], profile.peakFp32FlopsEstimate ?? null).whatIf!;
  const run = result.runs.find((r) => !r.warmup)!.index;
  events = data.opEvents.filter((e) => e.run === run);
}, 180_000);

describe('what-if projections', () => {
  it('projects this machine at its own thread count onto the measured p50', () => {
    const same = project(whatIf, resolveTarget(`threads:${whatIf.threads}`));
    expect(same.latencyP50Ms).toBeCloseTo(whatIf.result.latencyMs!.p50, 6);
  });

  it('projects a cold load from a disk target at its rated read speed, no faster than the measured copy', () => {
    const disk = findTarget('samsung-870-evo');
    const projection = project(whatIf, disk);
    const diskMs = (whatIf.result.model.sizeBytes / 1e6 / disk.seqReadMBps!) * 1000;
    // This session loaded warm: the copy it measured is a floor under any disk's load.
    expect(projection.loadMs).toBeCloseTo(Math.max(diskMs, whatIf.result.loadMs!), 6);
    expect(projection.latencyP50Ms).toBeCloseTo(whatIf.result.latencyMs!.p50, 6);
  });

  it('flags a target whose memory cannot hold the peak resident set', () => {
    const tiny = resolveTarget('cpu:cores=4,ghz=3,flopsPerCycle=32,bandwidthGBps=20,memoryGB=0.01');
    expect(project(whatIf, tiny).fitsInMemory).toBe(false);
  });

  it('states the assumptions of every projection', () => {
    for (const id of ['nvidia-t4', 'amd-ryzen-9-7950x', 'apple-m2', 'ddr5-5600-dual-channel-32gb']) {
      expect(project(whatIf, findTarget(id)).assumptions.length).toBeGreaterThan(0);
    }
  });
});

describe('batch projection', () => {
  it('scales activations along the batch axis and leaves weights alone', () => {
    const gemm = events.find((e) => e.opType === 'FusedGemm' || e.opType === 'Gemm')!;
    const scaled = scaleBatch(gemm, 2);
    expect(scaled.inputShapes[0]![0]).toBe(gemm.inputShapes[0]![0]! * 2);
    expect(scaled.inputShapes.slice(1)).toEqual(gemm.inputShapes.slice(1));
    expect(opCost(scaled).flops).toBeCloseTo(opCost(gemm).flops * 2, 0);
  });

  it('doubles the kernel time of the compute-bound MLP at twice the batch', () => {
    const projection = projectBatch(events, 2, profile, whatIf.threads);
    expect(projection.unknownOps).toBe(0);
    expect(projection.kernelMs / projection.measuredKernelMs).toBeGreaterThan(1.8);
    expect(projection.kernelMs / projection.measuredKernelMs).toBeLessThanOrEqual(2.0001);
  });
});

describe('recommendations', () => {
  it('recommends all cores, with a projected gain, for a compute-bound session on one thread', async () => {
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('rec-threads'),
      settings: { ...defaultSettings, runs: 5, warmup: 1, intraOpThreads: 1 },
      analysis: { profile, targets: [], peakFlopsPerSec: profile.peakFp32FlopsEstimate ?? null },
    });
    const rec = result.recommendations?.find((r) => r.kind === 'software' && r.label === 'underutilised');
    const gemm = (threads: number) => profile.gemm.find((g) => g.threads === threads)?.flopsPerSec ?? 0;
    // The gain is the calibrated GEMM's: only where two threads measured faster than one.
    if (result.machine.physicalCores > 1 && gemm(2) > gemm(1) * 1.1) {
      expect(rec?.title).toMatch(/--threads/);
      expect(rec?.estimatedGainPct).toBeGreaterThan(0);
      expect(rec?.assumption).toMatch(/calibrated GEMM/);
    }
  });

  it('recommends an NVMe drive with the cold load time it would save for a large model, not for a small one', async () => {
    const { makePreset } = await import('../../../models/index.js');
    const dir = tempDir('rec-disk');
    const large = await makePreset('mlp-large', dir);
    const targets = [findTarget('samsung-990-pro')];
    const analysis = { profile, targets, peakFlopsPerSec: profile.peakFp32FlopsEstimate ?? null };
    const settings = { ...defaultSettings, runs: 1, warmup: 0, opProfile: false };
    // Measured cold: a warm load on this VM is bound by page faults of the new buffer,
    // which a faster disk would not remove, so only a cold session shows the disk's share.
    const big = await profileModel({
      modelPath: large,
      sessionsDir: join(dir, 's'),
      settings: { ...settings, cold: true },
      analysis,
    });
    const small = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: join(dir, 's'),
      settings,
      analysis,
    });
    expect(big.recommendations?.find((r) => r.label === 'storage')?.title).toMatch(/990 PRO.*cold load from .* to /);
    expect(small.recommendations?.some((r) => r.label === 'storage')).toBe(false);
  });
});
