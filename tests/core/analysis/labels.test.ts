import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMachineProfile } from '../../../electron/core/analysis/calibrate.js';
import { profileModel } from '../../../electron/core/profiler.js';
import type { MachineProfile } from '../../../electron/shared/analysis.js';
import { defaultSettings, type ProfileResult, type ProfileSettings } from '../../../electron/shared/session.js';
import { modelPath, tempDir, testHome } from '../../helpers/paths.js';
import { streamingModel, transferModel } from './workloads.js';

let profile: MachineProfile;
const models = tempDir('labels');

beforeAll(async () => {
  // A real calibration (cached across test runs in the ignored .cache folder).
  profile = await getMachineProfile({ dir: join(testHome, 'machine-profiles') });
}, 180_000);

async function run(path: string, settings: Partial<ProfileSettings>): Promise<ProfileResult> {
  return profileModel({
    modelPath: path,
    sessionsDir: join(models, 'sessions'),
    settings: { ...defaultSettings, runs: 8, warmup: 2, hz: 50, ...settings },
    analysis: { profile, targets: [], peakFlopsPerSec: null },
  });
}

const label = (result: ProfileResult, phase: string) => result.bottlenecks?.find((b) => b.phase === phase)?.label;

/** Each workload's true bottleneck is known by construction. */
describe('bottleneck labels on workloads built to have one', () => {
  it('labels large GEMMs with every core busy compute-bound', async () => {
    const result = await run(modelPath('mlp.onnx'), {});
    expect(label(result, 'runs')).toBe('compute');
    // Warm-up says what the first run cost on top of the kernels it shares with the runs.
    expect(result.bottlenecks?.find((b) => b.phase === 'warmup')?.evidence[0]).toMatch(/first run .* the measured p50/);
    expect(result.bottlenecks?.find((b) => b.phase === 'op:Gemm')?.label).toBe('compute');
  });

  it('labels a streaming Gather over a large table memory-bandwidth-bound', async () => {
    const result = await run(await streamingModel(models), {});
    expect(label(result, 'runs')).toBe('memory-bandwidth');
  });

  it('labels the cold load of a large-weights model storage-bound', async () => {
    const result = await run(await streamingModel(join(models, 'cold')), { cold: true, runs: 1, warmup: 0 });
    expect(label(result, 'read')).toBe('storage');
    expect(result.bottlenecks?.find((b) => b.phase === 'read')?.evidence.join(' ')).toMatch(
      /MB\/s.*measured disk read rate/,
    );
  });

  it('labels huge tensors through a trivial kernel communication-bound', async () => {
    const result = await run(await transferModel(models), { runs: 4, warmup: 1 });
    expect(label(result, 'runs')).toBe('communication');
  });

  it('labels a compute-bound model on one thread of a multi-core machine underutilised', async () => {
    const result = await run(modelPath('mlp.onnx'), { intraOpThreads: 1 });
    expect(label(result, 'runs')).toBe(result.machine.physicalCores > 1 ? 'underutilised' : 'compute');
  });

  it('paints the timeline with a segment per phase and op stretches inside the runs', async () => {
    const result = await run(modelPath('mlp.onnx'), { runs: 3 });
    const segments = result.segments ?? [];
    // The worker's start-up is shown as a phase but not classified: no inference runs in it.
    const spansOf = (phase: (typeof result.phases)[number]) =>
      segments.some((s) => s.startMs === phase.startMs && s.endMs === phase.startMs + phase.durationMs);
    for (const phase of result.phases) expect(spansOf(phase)).toBe(phase.name !== 'spawn');
    for (const segment of segments) expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
    expect(segments.length).toBeGreaterThan(result.phases.length);
  });
});
