import { describe, expect, it } from 'vitest';
import { parseCustomTarget } from '../../../electron/core/analysis/catalogue.js';
import { HardwareKind } from '../../../electron/shared/hardware.js';
import {
  SPEC_FIELDS,
  buildCustomSpec,
  buildThreadsSpec,
  specId,
  specLabel,
  type CustomSpecInput,
} from '../../../renderer/src/features/whatif/custom-spec.js';

const GIB = 2 ** 30;

const input = (
  kind: CustomSpecInput['kind'],
  values: Record<string, string>,
  extra: Partial<CustomSpecInput> = {},
) => ({
  kind,
  values,
  id: `custom-${kind}-1`,
  name: '',
  diskInterface: '',
  ...extra,
});

/** A complete form per kind, with the figures the engine should read from it. */
const VALID: Array<{ form: CustomSpecInput; expect: Record<string, unknown> }> = [
  {
    form: input('cpu', { cores: '16', ghz: '4.5', flopsPerCycle: '32', bandwidthGBps: '80', memoryGB: '64' }),
    expect: {
      cores: 16,
      threads: 16,
      peakFp32FlopsPerSec: 16 * 4.5e9 * 32,
      memoryBandwidthBytesPerSec: 80e9,
      memoryBytes: 64 * GIB,
    },
  },
  {
    form: input('cpu', { cores: '8', threads: '16', peakGflops: '900', bandwidthGBps: '50' }, { name: 'My box' }),
    expect: { cores: 8, threads: 16, peakFp32FlopsPerSec: 900e9, name: 'My box' },
  },
  {
    form: input('apple-silicon', { cores: '10', bandwidthGBps: '120' }),
    expect: { cores: 10, threads: 10, memoryBandwidthBytesPerSec: 120e9 },
  },
  {
    form: input('gpu', { tflops: '40', fp16Tflops: '160', bandwidthGBps: '1000', memoryGB: '24', pcieGBps: '31.5' }),
    expect: { peakFp32FlopsPerSec: 40e12, peakFp16FlopsPerSec: 160e12, memoryBytes: 24 * GIB, pcieGBps: 31.5 },
  },
  {
    form: input('disk', { readMBps: '7000' }, { diskInterface: 'nvme-gen4' }),
    expect: { seqReadMBps: 7000, interface: 'nvme-gen4' },
  },
  { form: input('memory', { bandwidthGBps: '100', memoryGB: '32' }), expect: { memoryBytes: 32 * GIB } },
];

describe('custom hardware specs', () => {
  it.each(VALID)('builds a $form.kind spec the engine parses into the figures typed', ({ form, expect: figures }) => {
    const built = buildCustomSpec(form);
    expect(built.errors).toEqual({});
    expect(built.spec).not.toBeNull();
    const target = parseCustomTarget(built.spec!);
    expect(target).toMatchObject({ kind: form.kind, id: form.id, custom: true, ...figures });
  });

  it('offers only keys the engine accepts, for every kind with every field filled', () => {
    for (const kind of HardwareKind.options) {
      const values = Object.fromEntries(SPEC_FIELDS[kind].map((f) => [f.key, f.key === 'threads' ? '64' : '8']));
      const spec = buildCustomSpec(input(kind, values)).spec;
      expect(spec, kind).not.toBeNull();
      expect(() => parseCustomTarget(spec!), kind).not.toThrow();
    }
  });

  it('names each missing required field and builds nothing', () => {
    const built = buildCustomSpec(input('gpu', { tflops: '40' }));
    expect(built.spec).toBeNull();
    expect(Object.keys(built.errors).sort()).toEqual(['bandwidthGBps', 'memoryGB', 'pcieGBps']);
  });

  it('refuses non-positive numbers and fractional core counts', () => {
    const built = buildCustomSpec(input('cpu', { cores: '7.5', peakGflops: '-3', bandwidthGBps: 'fast' }));
    expect(built.errors.cores).toMatch(/whole number/);
    expect(built.errors.peakGflops).toMatch(/positive/);
    expect(built.errors.bandwidthGBps).toMatch(/positive/);
  });

  it('asks a CPU for its peak as GFLOP/s or as clock with FLOP/cycle together', () => {
    expect(buildCustomSpec(input('cpu', { cores: '4', bandwidthGBps: '40' })).errors.peakGflops).toBeDefined();
    const half = buildCustomSpec(input('cpu', { cores: '4', ghz: '3', bandwidthGBps: '40' }));
    expect(half.errors.flopsPerCycle).toMatch(/together/);
  });

  it('refuses fewer threads than cores, as the catalogue schema does', () => {
    const built = buildCustomSpec(input('cpu', { cores: '8', threads: '4', peakGflops: '500', bandwidthGBps: '40' }));
    expect(built.errors.threads).toBeDefined();
    expect(() => parseCustomTarget('cpu:cores=8,threads=4,peakGflops=500,bandwidthGBps=40')).toThrow(/threads/);
  });

  it('refuses a name that would split the spec and an id that is not kebab-case', () => {
    const built = buildCustomSpec(input('disk', { readMBps: '500' }, { name: 'a,b=c', id: 'My Disk' }));
    expect(built.errors.name).toBeDefined();
    expect(built.errors.id).toBeDefined();
  });

  it('builds threads:N for whole counts only', () => {
    expect(buildThreadsSpec(' 4 ')).toEqual({ spec: 'threads:4', error: null });
    for (const bad of ['', '0', '2.5', 'many', '5000']) expect(buildThreadsSpec(bad).spec).toBeNull();
  });
});

describe('selected targets', () => {
  const names = (id: string) => (id === 'samsung-990-pro' ? 'Samsung 990 PRO' : undefined);

  it('reads the id of a custom spec and none of catalogue ids or thread counts', () => {
    expect(specId('cpu:cores=16,peakGflops=900,bandwidthGBps=80,id=custom-cpu-2,name=Box')).toBe('custom-cpu-2');
    expect(specId('samsung-990-pro')).toBeNull();
    expect(specId('threads:4')).toBeNull();
  });

  it('labels catalogue entries by name, custom specs by their name or spec, thread counts in words', () => {
    expect(specLabel('samsung-990-pro', names)).toBe('Samsung 990 PRO');
    expect(specLabel('disk:readMBps=900,id=custom-disk-1,name=Old SSD', names)).toBe('Old SSD');
    expect(specLabel('disk:readMBps=900,id=custom-disk-1', names)).toBe('disk:readMBps=900,id=custom-disk-1');
    expect(specLabel('threads:2', names)).toBe('This machine, 2 threads');
  });
});
