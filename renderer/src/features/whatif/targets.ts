/**
 * The hardware catalogue as the target picker shows it: grouped by kind, filtered by a
 * search, each entry summarised by the figures a projection reads.
 */
import type { DiskInterface, HardwareKind, HardwareTarget } from '../../../../electron/shared/hardware.js';
import { formatBytes, formatFlops } from '../../../../electron/shared/format.js';

export const KIND_ORDER: HardwareKind[] = ['cpu', 'apple-silicon', 'gpu', 'disk', 'memory'];

export const KIND_LABELS: Record<HardwareKind, string> = {
  cpu: 'CPU',
  'apple-silicon': 'Apple silicon',
  gpu: 'GPU',
  disk: 'Disk',
  memory: 'Memory',
};

const INTERFACE_LABELS: Record<DiskInterface, string> = {
  sata: 'SATA',
  'nvme-gen3': 'NVMe PCIe 3.0',
  'nvme-gen4': 'NVMe PCIe 4.0',
  'nvme-gen5': 'NVMe PCIe 5.0',
};

const GIB = 2 ** 30;

/** Catalogue memory sizes are binary (a vendor's "80 GB" of HBM is 80 GiB), so they print as GiB. */
export function formatGiB(bytes: number): string {
  const gib = bytes / GIB;
  return `${Number.isInteger(gib) ? gib.toFixed(0) : gib.toFixed(1)} GiB`;
}

/** The figures of an entry that a projection reads, in words: `16 cores / 32 threads`, `2.92 TFLOP/s FP32`. */
export function keyFigures(target: HardwareTarget): string[] {
  const figures: string[] = [];
  if (target.cores !== undefined) {
    const unit = target.kind === 'gpu' ? 'SMs/CUs' : 'cores';
    const threads =
      target.threads !== undefined && target.threads !== target.cores ? ` / ${target.threads} threads` : '';
    figures.push(`${target.cores} ${unit}${threads}`);
  }
  if (target.peakFp32FlopsPerSec !== undefined)
    figures.push(`${formatFlops(target.peakFp32FlopsPerSec, 'FLOP/s')} FP32`);
  if (target.peakFp16FlopsPerSec !== undefined)
    figures.push(`${formatFlops(target.peakFp16FlopsPerSec, 'FLOP/s')} FP16`);
  if (target.memoryBandwidthBytesPerSec !== undefined)
    figures.push(`${formatBytes(target.memoryBandwidthBytesPerSec)}/s memory`);
  if (target.memoryBytes !== undefined) figures.push(formatGiB(target.memoryBytes));
  if (target.pcieGBps !== undefined) figures.push(`PCIe ${target.pcieGBps} GB/s`);
  if (target.seqReadMBps !== undefined) figures.push(`${target.seqReadMBps} MB/s read`);
  if (target.interface !== undefined) figures.push(INTERFACE_LABELS[target.interface]);
  return figures;
}

/** True when every word of the query occurs in the entry's name, id, vendor, kind or description. */
export function matchesQuery(target: HardwareTarget, query: string): boolean {
  const haystack = [target.name, target.id, target.vendor, KIND_LABELS[target.kind], target.description ?? '']
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

export interface TargetGroup {
  kind: HardwareKind;
  label: string;
  targets: HardwareTarget[];
}

/** The entries that match the query, grouped by kind in a fixed order; empty groups are left out. */
export function groupTargets(targets: readonly HardwareTarget[], query: string): TargetGroup[] {
  return KIND_ORDER.map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    targets: targets.filter((t) => t.kind === kind && matchesQuery(t, query)),
  })).filter((group) => group.targets.length > 0);
}

/**
 * A starting selection so the screen is never empty: one of each lever a practitioner
 * pulls first — a fast NVMe drive, a 16-core desktop CPU, a GPU. Chosen by figures, not
 * ids, so it survives changes to the catalogue's data.
 */
export function defaultTargetIds(targets: readonly HardwareTarget[]): string[] {
  const disk = targets.find((t) => t.kind === 'disk' && t.interface?.startsWith('nvme') === true);
  const byPeak = (a: HardwareTarget, b: HardwareTarget) => (b.peakFp32FlopsPerSec ?? 0) - (a.peakFp32FlopsPerSec ?? 0);
  // Among 16-core parts the fastest is the desktop one: laptop and server parts clock lower.
  const cpu = targets.filter((t) => t.kind === 'cpu' && t.cores === 16).sort(byPeak)[0];
  // A consumer GPU with room for a mid-sized model: the fastest with at most 32 GiB.
  const gpu = targets.filter((t) => t.kind === 'gpu' && (t.memoryBytes ?? Infinity) <= 32 * GIB).sort(byPeak)[0];
  return [disk, cpu, gpu].flatMap((t) => (t ? [t.id] : []));
}
