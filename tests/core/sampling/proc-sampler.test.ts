import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../../electron/core/sampling/index.js';
import { SystemReader } from '../../../electron/core/sampling/proc-system.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { Sample, SamplerStats, SeriesInfo } from '../../../electron/shared/sample.js';
import { killAndWait, median, seriesValues, sleep, spawnNode } from './helpers.js';

/** utime + stime of a process in seconds, parsed here with a regex rather than by the sampler. */
function cpuSecondsOf(pid: number): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'latin1')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function sampleFor(ms: number, setup: (sampler: Awaited<ReturnType<typeof createSampler>>) => void = () => {}) {
  const samples: Sample[] = [];
  const sampler = await createSampler({
    hz: 50,
    originNs: process.hrtime.bigint(),
    onSample: (sample) => samples.push(sample),
    source: 'proc',
    gpu: 'off',
  });
  setup(sampler);
  sampler.start();
  await sleep(ms);
  const stats = await sampler.stop();
  return { samples, stats, sampler };
}

describe('the /proc sampler', () => {
  it('shows a busy worker using about one core, with its memory, at 50 Hz', async () => {
    const worker = spawnNode('for (;;) {}');
    try {
      const pid = worker.pid ?? -1;
      const before = cpuSecondsOf(pid);
      const { samples, stats, sampler } = await sampleFor(1000, (s) => s.setPid(pid));
      const after = cpuSecondsOf(pid);
      expect(samples.length).toBeGreaterThan(10);
      for (const sample of samples) Sample.parse(sample);
      const times = samples.map((sample) => sample.tMs);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);

      const cpu = seriesValues(samples, 'proc.cpuPct');
      expect(cpu.length).toBeGreaterThan(5);
      expect(median(cpu)).toBeGreaterThan(50);
      // The kernel's own account of the same second, read independently of the sampler.
      const windowSec = (times.at(-1) ?? 0) / 1000;
      const truthPct = ((after - before) / windowSec) * 100;
      expect(Math.abs(mean(cpu) - truthPct)).toBeLessThan(15);
      expect(Math.min(...seriesValues(samples, 'proc.rssBytes'))).toBeGreaterThan(0);
      expect(Math.min(...seriesValues(samples, 'proc.threads'))).toBeGreaterThanOrEqual(1);

      SamplerStats.parse(stats);
      expect(stats).toMatchObject({ source: 'proc', hzRequested: 50, gpu: false, samples: samples.length });
      expect(stats.hzAchieved).toBeGreaterThan(0);
      expect(stats.cpuPct).toBeGreaterThan(0);
      const names = sampler.series().map((info) => SeriesInfo.parse(info).name);
      for (const sample of samples) for (const name of Object.keys(sample.values)) expect(names).toContain(name);
    } finally {
      await killAndWait(worker);
    }
  });

  it('emits the whole-machine series in its first sample', async () => {
    const { samples } = await sampleFor(300);
    const first = samples[0]?.values ?? {};
    for (const name of [
      'cpu.total.busyPct',
      'cpu.0.busyPct',
      'mem.availableBytes',
      'mem.usedBytes',
      'mem.majorFaultsPerSec',
    ]) {
      expect(first[name], name).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(first).some((name) => name.startsWith('proc.'))).toBe(false);
  });

  it('drops the worker series after setPid(null) without error', async () => {
    const worker = spawnNode('setTimeout(() => {}, 60000)');
    try {
      let switchedAtMs = Number.POSITIVE_INFINITY;
      const originNs = process.hrtime.bigint();
      const samples: Sample[] = [];
      const sampler = await createSampler({ hz: 50, originNs, onSample: (s) => samples.push(s), gpu: 'off' });
      sampler.setPid(worker.pid ?? null);
      sampler.start();
      await sleep(300);
      sampler.setPid(null);
      switchedAtMs = Number(process.hrtime.bigint() - originNs) / 1e6;
      await sleep(300);
      await sampler.stop();
      expect(samples.some((s) => s.tMs < switchedAtMs && 'proc.rssBytes' in s.values)).toBe(true);
      expect(samples.filter((s) => s.tMs > switchedAtMs).some((s) => 'proc.rssBytes' in s.values)).toBe(false);
    } finally {
      await killAndWait(worker);
    }
  });

  it('keeps sampling when the watched worker exits mid-run', async () => {
    const worker = spawnNode('setTimeout(() => {}, 300)');
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const samples: Sample[] = [];
    const sampler = await createSampler({
      hz: 50,
      originNs: process.hrtime.bigint(),
      onSample: (s) => samples.push(s),
      gpu: 'off',
    });
    sampler.setPid(worker.pid ?? null);
    sampler.start();
    await exited;
    const countAtExit = samples.length;
    await sleep(300);
    const stats = await sampler.stop();
    expect(samples.slice(0, countAtExit).some((s) => 'proc.rssBytes' in s.values)).toBe(true);
    const after = samples.slice(countAtExit + 2);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((s) => 'proc.cpuPct' in s.values)).toBe(false);
    expect(after.every((s) => 'cpu.total.busyPct' in s.values || 'mem.availableBytes' in s.values)).toBe(true);
    expect(stats.samples).toBe(samples.length);
  });

  it('accepts a pid that does not exist', async () => {
    const { samples } = await sampleFor(200, (sampler) => sampler.setPid(2 ** 22 + 12345));
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.some((s) => 'proc.cpuPct' in s.values)).toBe(false);
  });

  it('rejects rates outside 1..100 Hz as a usage error', async () => {
    for (const hz of [0, 0.5, 101, Number.NaN]) {
      const created = createSampler({ hz, originNs: 0n, onSample: () => {} });
      await expect(created).rejects.toBeInstanceOf(DynoError);
      await expect(created).rejects.toMatchObject({ kind: 'usage' });
    }
  });

  it('can be started only once', async () => {
    const sampler = await createSampler({ hz: 10, originNs: process.hrtime.bigint(), onSample: () => {}, gpu: 'off' });
    sampler.start();
    expect(() => sampler.start()).toThrow(DynoError);
    const first = await sampler.stop();
    expect(await sampler.stop()).toEqual(first);
  });
});

describe('a kernel without /proc/pressure', () => {
  it('reads everything else and reports no pressure series', () => {
    const reader = new SystemReader({
      procDir: '/proc',
      pressureDir: '/nonexistent/pressure',
      sysBlockDir: '/sys/block',
    });
    try {
      expect(reader.hasPressure).toBe(false);
      const values: Record<string, number> = {};
      reader.readSlow(process.hrtime.bigint(), values);
      reader.readFast(values);
      expect(values['mem.availableBytes']).toBeGreaterThan(0);
      expect(Object.keys(values).some((name) => name.startsWith('psi.'))).toBe(false);
    } finally {
      reader.close();
    }
  });
});

describe('the achieved rate', () => {
  it('is the requested rate, less missed ticks, even when stopped mid-period', async () => {
    const sampler = await createSampler({
      hz: 20,
      originNs: process.hrtime.bigint(),
      onSample: () => {},
      source: 'proc',
      gpu: 'off',
    });
    sampler.start();
    // Three and a half periods: the half period before stop() is not sampling time.
    await sleep(175);
    const stats = await sampler.stop();
    expect(stats.samples).toBeGreaterThan(0);
    expect(stats.hzAchieved).toBeCloseTo((20 * stats.samples) / (stats.samples + stats.missed), 6);
  });
});
