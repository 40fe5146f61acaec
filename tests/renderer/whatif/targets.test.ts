import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../electron/core/analysis/catalogue.js';
import {
  defaultTargetIds,
  groupTargets,
  keyFigures,
  matchesQuery,
} from '../../../renderer/src/features/whatif/targets.js';

const catalogue = loadCatalogue();
const byId = (id: string) => {
  const target = catalogue.find((t) => t.id === id);
  if (!target) throw new Error(`the catalogue has no ${id}`);
  return target;
};

describe('the target picker over the shipped catalogue', () => {
  it('groups every entry under its kind in the order CPU, Apple silicon, GPU, disk, memory', () => {
    const groups = groupTargets(catalogue, '');
    expect(groups.map((g) => g.label)).toEqual(['CPU', 'Apple silicon', 'GPU', 'Disk', 'Memory']);
    expect(groups.reduce((n, g) => n + g.targets.length, 0)).toBe(catalogue.length);
  });

  it('finds entries by every word of the search, across name, vendor and kind', () => {
    const hits = groupTargets(catalogue, 'nvidia h100').flatMap((g) => g.targets.map((t) => t.id));
    expect(hits).toEqual(['nvidia-h100-sxm']);
    expect(matchesQuery(byId('samsung-990-pro'), 'disk NVMe')).toBe(true);
    expect(groupTargets(catalogue, 'no such machine')).toEqual([]);
  });

  it('pre-selects an NVMe disk, a 16-core CPU and a GPU that all exist', () => {
    const ids = defaultTargetIds(catalogue);
    const kinds = ids.map((id) => byId(id).kind);
    expect(kinds).toEqual(['disk', 'cpu', 'gpu']);
    expect(byId(ids[0]!).interface).toMatch(/^nvme/);
    expect(byId(ids[1]!).cores).toBe(16);
  });

  it('pre-selects nothing it cannot find rather than failing', () => {
    expect(defaultTargetIds(catalogue.filter((t) => t.kind === 'memory'))).toEqual([]);
  });

  it('summarises each kind by the figures its projection reads', () => {
    expect(keyFigures(byId('amd-ryzen-9-7950x'))).toEqual(
      expect.arrayContaining(['16 cores / 32 threads', '2.92 TFLOP/s FP32', '83.2 GB/s memory']),
    );
    expect(keyFigures(byId('nvidia-rtx-4090'))).toEqual(expect.arrayContaining(['24 GiB']));
    expect(keyFigures(byId('samsung-990-pro'))).toEqual(['7450 MB/s read', 'NVMe PCIe 4.0']);
  });
});
