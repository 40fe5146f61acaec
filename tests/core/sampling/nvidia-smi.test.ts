import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSampler } from '../../../electron/core/sampling/index.js';
import { GPU_QUERY_FIELDS, LineSplitter, parseGpuLine } from '../../../electron/core/sampling/parse-nvidia-smi.js';
import type { Sample } from '../../../electron/shared/sample.js';
import { REPLAY_NVIDIA_SMI, processesWithEnv, seriesValues, sleep } from './helpers.js';

const MIB = 1024 * 1024;
const fixtureDir = path.dirname(REPLAY_NVIDIA_SMI);

/** Sets replay variables for the children spawned during one test. */
function replayEnv(variables: Record<string, string>): void {
  Object.assign(process.env, variables);
  cleanups.push(() => {
    for (const key of Object.keys(variables)) delete process.env[key];
  });
}
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function sampleWithReplay(ms: number, nvidiaSmiPath = REPLAY_NVIDIA_SMI) {
  const samples: Sample[] = [];
  const sampler = await createSampler({
    hz: 20,
    originNs: process.hrtime.bigint(),
    onSample: (sample) => samples.push(sample),
    nvidiaSmiPath,
  });
  sampler.start();
  await sleep(ms);
  const stats = await sampler.stop();
  return { samples, stats, series: sampler.series() };
}

describe('parsing nvidia-smi csv,noheader,nounits lines', () => {
  it('reads every line of a real RTX A5000 log with its own field list', () => {
    const text = fs.readFileSync(path.join(fixtureDir, 'rtx-a5000-noheader-nounits.csv'), 'utf8');
    const fields = /^# columns: (.*)$/m.exec(text)?.[1]?.split(',') ?? [];
    const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const readings = lines.map((line) => parseGpuLine(line, fields));
    expect(readings).toHaveLength(22);
    expect(readings[0]).toEqual({
      index: 0,
      metrics: { utilPct: 10, memTotalBytes: 24564 * MIB, memUsedBytes: 11325 * MIB, temperatureC: 72 },
    });
    expect(readings.map((reading) => reading?.metrics.utilPct)).toContain(72);
  });

  it('leaves out "[N/A]" and "[Not Supported]" values instead of reading them as 0', () => {
    const reading = parseGpuLine('0, [N/A], [Not Supported], 55, 143771, 78.28, 345, 3201, 28');
    expect(reading?.metrics).toEqual({
      memUsedBytes: 55 * MIB,
      memTotalBytes: 143771 * MIB,
      powerWatts: 78.28,
      smClockMhz: 345,
      memClockMhz: 3201,
      temperatureC: 28,
    });
  });

  it('ignores error messages and lines with the wrong number of fields', () => {
    expect(parseGpuLine('Field "cuda_version" is not a valid field to query.')).toBeNull();
    expect(parseGpuLine('0, 100, 11')).toBeNull();
    expect(parseGpuLine('index, utilization.gpu [%], b, c, d, e, f, g, h')).toBeNull();
  });

  it('joins lines split across stream chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter();
    splitter.push('0, 1, 2\n0, 3', (line) => lines.push(line));
    splitter.push(', 4\r\n\n', (line) => lines.push(line));
    expect(lines).toEqual(['0, 1, 2', '0, 3, 4']);
  });

  it('asks nvidia-smi for the fields the replayed capture answers', () => {
    const output = execFileSync(
      REPLAY_NVIDIA_SMI,
      [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits'],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toBe('0, 0, 0, 0, 81559, 69.85, 345, 2619, 41\n');
  });
});

describe('the nvidia-smi stream', () => {
  it('merges the captured H100 readings into samples as gpu.0 series', async () => {
    const { samples, stats, series } = await sampleWithReplay(1000);
    expect(stats.gpu).toBe(true);
    // The capture's idle and load rows alternate (see the fixture's header).
    expect(new Set(seriesValues(samples, 'gpu.0.powerWatts'))).toEqual(new Set([69.85, 631.95]));
    expect(new Set(seriesValues(samples, 'gpu.0.utilPct'))).toEqual(new Set([0, 100]));
    expect(new Set(seriesValues(samples, 'gpu.0.memUtilPct'))).toEqual(new Set([0, 11]));
    expect(new Set(seriesValues(samples, 'gpu.0.memUsedBytes'))).toEqual(new Set([0, 19818 * MIB]));
    expect(new Set(seriesValues(samples, 'gpu.0.smClockMhz'))).toEqual(new Set([345, 1980]));
    expect(new Set(seriesValues(samples, 'gpu.0.memClockMhz'))).toEqual(new Set([2619]));
    expect(new Set(seriesValues(samples, 'gpu.0.temperatureC'))).toEqual(new Set([41, 59]));
    expect(new Set(seriesValues(samples, 'gpu.0.memTotalBytes'))).toEqual(new Set([81559 * MIB]));
    expect(series.find((info) => info.name === 'gpu.0.powerWatts')).toMatchObject({ unit: 'watts', group: 'gpu' });
  });

  it('has no utilisation series for a MIG GPU, whose utilisation nvidia-smi reports as [N/A]', async () => {
    replayEnv({ NVIDIA_SMI_REPLAY_FIXTURE: 'h200-mig.csv' });
    const { samples } = await sampleWithReplay(500);
    expect(seriesValues(samples, 'gpu.0.powerWatts')).toContain(78.28);
    expect(seriesValues(samples, 'gpu.0.memTotalBytes')).toContain(143771 * MIB);
    expect(seriesValues(samples, 'gpu.0.utilPct')).toEqual([]);
  });

  it('stops the GPU series without error when nvidia-smi crashes mid-run', async () => {
    replayEnv({ NVIDIA_SMI_REPLAY_EXIT_AFTER: '3' });
    const { samples, stats } = await sampleWithReplay(1200);
    expect(stats.gpu).toBe(true);
    const lastWithGpu = samples.map((sample) => 'gpu.0.powerWatts' in sample.values).lastIndexOf(true);
    expect(lastWithGpu).toBeGreaterThanOrEqual(0);
    // Sampling went on after the crash, without GPU series.
    expect(samples.length - 1 - lastWithGpu).toBeGreaterThan(2);
    expect(samples.at(-1)?.values['cpu.total.busyPct']).toBeGreaterThanOrEqual(0);
  });

  it('kills the nvidia-smi child in stop()', async () => {
    const token = randomUUID();
    replayEnv({ MODELDYNO_SAMPLER_TEST: token });
    const samples: Sample[] = [];
    const sampler = await createSampler({
      hz: 20,
      originNs: process.hrtime.bigint(),
      onSample: (s) => samples.push(s),
      nvidiaSmiPath: REPLAY_NVIDIA_SMI,
    });
    sampler.start();
    await sleep(300);
    expect(processesWithEnv(token)).toHaveLength(1);
    await sampler.stop();
    expect(processesWithEnv(token)).toEqual([]);
  });

  it('has no GPU series and no error when there is no nvidia-smi', async () => {
    const { samples, stats } = await sampleWithReplay(300, '/nonexistent/nvidia-smi');
    expect(stats.gpu).toBe(false);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.some((sample) => Object.keys(sample.values).some((name) => name.startsWith('gpu.')))).toBe(false);
  });

  it('has no GPU series when nvidia-smi rejects the query', async () => {
    // This capture lacks power.draw and the clocks, so the replay answers as nvidia-smi
    // does for a field the driver does not know, and exits.
    replayEnv({ NVIDIA_SMI_REPLAY_FIXTURE: 'rtx-a5000-noheader-nounits.csv' });
    const { stats } = await sampleWithReplay(300);
    expect(stats.gpu).toBe(false);
  });
});
