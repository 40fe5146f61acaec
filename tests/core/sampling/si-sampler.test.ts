import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../electron/core/sampling/index.js';
import { Sample, SamplerStats } from '../../../electron/shared/sample.js';
import { killAndWait, seriesValues, sleep, spawnNode } from './helpers.js';

describe('the systeminformation sampler', () => {
  it('samples CPU and memory at no more than 4 Hz whatever rate is asked', async () => {
    const worker = spawnNode('setTimeout(() => {}, 60000)');
    try {
      const samples: Sample[] = [];
      const sampler = await createSampler({
        hz: 50,
        originNs: process.hrtime.bigint(),
        onSample: (sample) => samples.push(sample),
        source: 'systeminformation',
        gpu: 'off',
      });
      expect(sampler.source).toBe('systeminformation');
      expect(sampler.hzEffective).toBe(4);
      sampler.setPid(worker.pid ?? null);
      sampler.start();
      await sleep(2500);
      const stats = SamplerStats.parse(await sampler.stop());

      expect(stats).toMatchObject({ source: 'systeminformation', hzRequested: 50, gpu: false });
      expect(stats.hzAchieved).toBeLessThanOrEqual(4);
      expect(stats.samples).toBe(samples.length);
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) Sample.parse(sample);
      const busy = seriesValues(samples, 'cpu.total.busyPct');
      expect(busy.length).toBeGreaterThan(0);
      for (const pct of busy) expect(pct).toBeGreaterThanOrEqual(0);
      expect(Math.min(...seriesValues(samples, 'mem.availableBytes'))).toBeGreaterThan(0);
      expect(Math.min(...seriesValues(samples, 'proc.rssBytes'))).toBeGreaterThan(0);
    } finally {
      await killAndWait(worker);
    }
  });
});
