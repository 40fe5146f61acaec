import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeIds,
  findTarget,
  loadCatalogue,
  loadTargetsFile,
  parseCatalogue,
  parseCustomTarget,
} from '../../../electron/core/analysis/catalogue.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { NUMERIC_FIGURES, namedFigures, type HardwareTarget } from '../../../electron/shared/hardware.js';

const GB = 1e9;
const GIB = 2 ** 30;
const catalogue = loadCatalogue();
const byKind = (kind: HardwareTarget['kind']) => catalogue.filter((t) => t.kind === kind);

/** Catches what `fn` throws, so a test can look at its kind and message. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('the shipped catalogue', () => {
  it('parses with at least 30 entries and unique ids', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(30);
    expect(new Set(catalogue.map((t) => t.id)).size).toBe(catalogue.length);
  });

  it('backs every numeric figure of every entry with a source that names it', () => {
    const unbacked: string[] = [];
    for (const target of catalogue) {
      const named = new Set(target.sources.flatMap(namedFigures));
      for (const figure of NUMERIC_FIGURES) {
        if (target[figure] !== undefined && !named.has(figure)) unbacked.push(`${target.id}.${figure}`);
      }
      for (const source of target.sources) expect(source.url).toMatch(/^https:\/\//);
    }
    expect(unbacked).toEqual([]);
  });

  it('says how every derived figure was computed', () => {
    const derived = catalogue.flatMap((t) => t.sources).filter((s) => s.note?.startsWith('derived'));
    expect(derived.length).toBeGreaterThan(10);
    for (const source of derived) expect(source.note).toMatch(/[×÷]/);
  });

  it('represents every kind of hardware', () => {
    const cpus = byKind('cpu').map((t) => t.id);
    expect(cpus.length).toBeGreaterThanOrEqual(5);
    expect(cpus).toEqual(expect.arrayContaining(['intel-core-ultra-7-155h', 'amd-ryzen-7-7840u'])); // laptop
    expect(cpus).toEqual(expect.arrayContaining(['intel-core-i9-14900k', 'amd-ryzen-9-7950x', 'intel-core-i5-7400']));
    expect(cpus).toEqual(expect.arrayContaining(['amd-epyc-9654', 'intel-xeon-platinum-8480-plus', 'amd-epyc-9124']));
    expect(byKind('apple-silicon').length).toBeGreaterThanOrEqual(2);
    expect(byKind('gpu').filter((t) => t.vendor === 'NVIDIA').length).toBeGreaterThanOrEqual(4);
    expect(byKind('gpu').filter((t) => t.vendor === 'AMD').length).toBeGreaterThanOrEqual(1);
    const disks = byKind('disk');
    expect(disks.length).toBeGreaterThanOrEqual(3);
    expect(disks.some((d) => d.interface === 'sata')).toBe(true);
    expect(disks.some((d) => d.interface?.startsWith('nvme'))).toBe(true);
    expect(byKind('memory').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps CPU figures within what the silicon could do', () => {
    for (const cpu of byKind('cpu')) {
      const { id, cores = 0, threads = 0, peakFp32FlopsPerSec = 0, memoryBandwidthBytesPerSec = 0 } = cpu;
      expect(threads, id).toBeGreaterThanOrEqual(cores);
      expect(peakFp32FlopsPerSec, id).toBeLessThanOrEqual(threads * 6e9 * 64);
      expect(peakFp32FlopsPerSec, id).toBeGreaterThanOrEqual(cores * 1e9 * 8);
      expect(memoryBandwidthBytesPerSec, id).toBeGreaterThanOrEqual(10 * GB);
      expect(memoryBandwidthBytesPerSec, id).toBeLessThanOrEqual(1000 * GB);
    }
  });

  it('keeps GPU figures within the range of shipping parts', () => {
    for (const gpu of byKind('gpu')) {
      const { id, peakFp32FlopsPerSec = 0, memoryBandwidthBytesPerSec = 0, memoryBytes = 0, pcieGBps } = gpu;
      expect(memoryBandwidthBytesPerSec, id).toBeGreaterThanOrEqual(100 * GB);
      expect(memoryBandwidthBytesPerSec, id).toBeLessThanOrEqual(6000 * GB);
      expect(peakFp32FlopsPerSec, id).toBeGreaterThanOrEqual(1e12);
      expect(peakFp32FlopsPerSec, id).toBeLessThanOrEqual(200e12);
      expect(memoryBytes, id).toBeGreaterThanOrEqual(4 * GIB);
      expect(memoryBytes, id).toBeLessThanOrEqual(256 * GIB);
      expect([15.75, 31.5, 63], id).toContain(pcieGBps);
      if (gpu.peakFp16FlopsPerSec !== undefined)
        expect(gpu.peakFp16FlopsPerSec, id).toBeGreaterThan(peakFp32FlopsPerSec);
    }
  });

  it('keeps disk, memory and Apple figures within their interfaces', () => {
    const linkMBps = { sata: 600, 'nvme-gen3': 3940, 'nvme-gen4': 7880, 'nvme-gen5': 15760 } as const;
    for (const disk of byKind('disk')) {
      expect(disk.seqReadMBps, disk.id).toBeGreaterThanOrEqual(50);
      expect(disk.seqReadMBps, disk.id).toBeLessThanOrEqual(linkMBps[disk.interface ?? 'sata']);
    }
    for (const target of [...byKind('memory'), ...byKind('apple-silicon')]) {
      expect(target.memoryBandwidthBytesPerSec, target.id).toBeGreaterThanOrEqual(20 * GB);
      expect(target.memoryBandwidthBytesPerSec, target.id).toBeLessThanOrEqual(1000 * GB);
      expect(target.memoryBytes, target.id).toBeGreaterThanOrEqual(8 * GIB);
    }
    for (const target of catalogue) expect(target.year, target.id).toBeGreaterThanOrEqual(2010);
  });
});

describe('catalogue validation', () => {
  const valid = catalogue.find((t) => t.id === 'amd-ryzen-5-5600x')!;

  it('names the entry and the field of invalid data', () => {
    const { memoryBandwidthBytesPerSec: _dropped, ...withoutBandwidth } = valid;
    const err = thrown(() => parseCatalogue([valid, withoutBandwidth], 'test.json'));
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('entry 1 (amd-ryzen-5-5600x)');
    expect((err as Error).message).toContain('memoryBandwidthBytesPerSec');
  });

  it('rejects a figure no source names, a field foreign to the kind and a duplicate id', () => {
    const unsourced = { ...valid, sources: valid.sources.filter((s) => !namedFigures(s).includes('threads')) };
    expect(() => parseCatalogue([unsourced])).toThrow(/threads has no source/);
    expect(() => parseCatalogue([{ ...valid, seqReadMBps: 500 }])).toThrow(/seqReadMBps does not apply to a cpu/);
    expect(() => parseCatalogue([valid, valid])).toThrow(/duplicate id/);
    expect(() => parseCatalogue([{ ...valid, id: 'Ryzen 5600X' }])).toThrow(/kebab-case/);
  });
});

describe('parseCustomTarget', () => {
  it('derives a CPU peak from cores, clock and FLOP per cycle', () => {
    const cpu = parseCustomTarget('cpu:cores=16,ghz=4.5,flopsPerCycle=32,bandwidthGBps=80,memoryGB=64');
    expect(cpu).toMatchObject({ kind: 'cpu', custom: true, cores: 16, threads: 16, id: 'custom-cpu' });
    expect(cpu.peakFp32FlopsPerSec).toBeCloseTo(16 * 4.5e9 * 32);
    expect(cpu.memoryBandwidthBytesPerSec).toBe(80e9);
    expect(cpu.memoryBytes).toBe(64 * GIB);
    expect(cpu.sources).toEqual([]);
  });

  it.each([
    ['disk:readMBps=7000', { kind: 'disk', seqReadMBps: 7000 }],
    ['disk:readMBps=550,interface=sata,id=old-ssd', { id: 'old-ssd', interface: 'sata' }],
    ['gpu:tflops=40,bandwidthGBps=900,memoryGB=48,pcieGBps=31.5', { peakFp32FlopsPerSec: 40e12, pcieGBps: 31.5 }],
    ['apple-silicon:cores=10,bandwidthGBps=120', { threads: 10, memoryBandwidthBytesPerSec: 120e9 }],
    ['memory:bandwidthGBps=51.2,memoryGB=32', { memoryBytes: 32 * GIB }],
    ['cpu:cores=8,threads=16,peakGflops=1000,bandwidthGBps=60', { peakFp32FlopsPerSec: 1e12, threads: 16 }],
  ])('reads %s', (spec, expected) => {
    expect(parseCustomTarget(spec)).toMatchObject(expected);
  });

  it.each([
    ['tpu:tops=100', /start with a kind/],
    ['cpu:cores=16', /needs/],
    ['cpu:cores=16,ghz=4.5,bandwidthGBps=80', /flopsPerCycle/],
    ['cpu:cores=2.5,peakGflops=100,bandwidthGBps=10', /whole number/],
    ['disk:readMBps=-5', /positive number/],
    ['disk:readMBps=fast', /positive number/],
    ['disk:speed=5', /unknown key speed/],
    ['disk:readMBps', /not key=value/],
    ['disk:readMBps=5,interface=usb', /interface/],
    ['gpu:tflops=10,bandwidthGBps=500,memoryGB=16', /pcieGBps/],
  ])('refuses %s as a usage error', (spec, message) => {
    const err = thrown(() => parseCustomTarget(spec));
    expect(err).toBeInstanceOf(DynoError);
    expect((err as DynoError).kind).toBe('usage');
    expect((err as DynoError).message).toMatch(message);
  });
});

describe('findTarget', () => {
  it('returns a catalogue entry by id', () => {
    expect(findTarget('nvidia-h100-sxm').name).toBe('NVIDIA H100 SXM');
  });

  it.each([
    ['h100', 'nvidia-h100-sxm'],
    ['rtx4090', 'nvidia-rtx-4090'],
    ['amd-epyc-9645', 'amd-epyc-9654'],
    ['m3-max', 'apple-m3-max'],
  ])('answers unknown id %s with a usage error naming %s', (id, close) => {
    const err = thrown(() => findTarget(id));
    expect(err).toBeInstanceOf(DynoError);
    expect((err as DynoError).kind).toBe('usage');
    expect((err as DynoError).message).toContain(`"${id}"`);
    expect(closeIds(id, catalogue).slice(0, 2)).toContain(close);
    expect((err as DynoError).message).toContain(close);
  });
});

describe('loadTargetsFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modeldyno-targets-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  }

  it('loads custom targets without sources', async () => {
    const custom = [{ id: 'lab-box', name: 'Lab box', kind: 'disk', vendor: 'us', custom: true, seqReadMBps: 900 }];
    const targets = await loadTargetsFile(await file('ok.json', JSON.stringify(custom)));
    expect(targets).toMatchObject([{ id: 'lab-box', seqReadMBps: 900 }]);
    expect(findTarget('lab-box', targets).custom).toBe(true);
  });

  it.each([
    ['unsourced.json', JSON.stringify([{ id: 'x', name: 'x', kind: 'disk', vendor: 'v', year: 2020, seqReadMBps: 1 }])],
    ['clash.json', JSON.stringify([{ ...findTarget('samsung-990-pro'), custom: true }])],
    ['broken.json', '[{'],
    ['object.json', '{}'],
  ])('refuses %s as a usage error', async (name, content) => {
    const err = await loadTargetsFile(await file(name, content)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DynoError);
    expect((err as DynoError).kind).toBe('usage');
    expect((err as DynoError).message).toContain(name);
  });

  it('refuses a missing file as a usage error', async () => {
    const err = await loadTargetsFile(join(dir, 'absent.json')).catch((e: unknown) => e);
    expect((err as DynoError).kind).toBe('usage');
  });
});
