/**
 * Series names are the contract between the sampler, charts, CSV columns and trace
 * counter tracks: `<subject>.<entity?>.<metric>`, e.g. `cpu.3.busyPct`,
 * `disk.nvme0n1.readBytesPerSec`, `gpu.0.powerWatts`. Label, unit and group are derived
 * from the name, so a series is described in exactly one place.
 */
import type { SeriesGroup, SeriesInfo, SeriesUnit } from '../../shared/sample.js';

const GROUP_BY_SUBJECT: Readonly<Record<string, SeriesGroup>> = {
  cpu: 'cpu',
  proc: 'process',
  mem: 'memory',
  swap: 'memory',
  disk: 'disk',
  net: 'network',
  psi: 'pressure',
  gpu: 'gpu',
};

const METRIC_LABELS: Readonly<Record<string, string>> = {
  busyPct: 'busy',
  userPct: 'user',
  systemPct: 'system',
  iowaitPct: 'I/O wait',
  stealPct: 'steal',
  cpuPct: 'CPU',
  rssBytes: 'resident memory',
  threads: 'threads',
  majorFaults: 'major page faults',
  majorFaultsPerSec: 'major page faults/s',
  readBytes: 'bytes read from storage',
  writeBytes: 'bytes written to storage',
  readBytesPerSec: 'read',
  writeBytesPerSec: 'write',
  availableBytes: 'available',
  usedBytes: 'used',
  swapUsedBytes: 'swap used',
  inPagesPerSec: 'swap-in',
  outPagesPerSec: 'swap-out',
  rxBytesPerSec: 'receive',
  txBytesPerSec: 'transmit',
  somePct: 'some tasks stalled',
  fullPct: 'all tasks stalled',
  utilPct: 'busy',
  memUtilPct: 'memory busy',
  memUsedBytes: 'memory used',
  memTotalBytes: 'memory total',
  powerWatts: 'power',
  smClockMhz: 'SM clock',
  memClockMhz: 'memory clock',
  temperatureC: 'temperature',
};

const PRESSURE_SUBJECTS: Readonly<Record<string, string>> = {
  cpu: 'CPU pressure',
  memory: 'Memory pressure',
  io: 'I/O pressure',
};

/** The unit a metric name implies by its suffix (STYLE.md: units in names). */
export function unitOfMetric(metric: string): SeriesUnit {
  if (metric.endsWith('Pct')) return 'pct';
  if (metric.endsWith('BytesPerSec')) return 'bytesPerSec';
  if (metric.endsWith('PagesPerSec')) return 'pagesPerSec';
  if (metric.endsWith('PerSec')) return 'perSec';
  if (metric.endsWith('Bytes')) return 'bytes';
  if (metric.endsWith('Watts')) return 'watts';
  if (metric.endsWith('Mhz')) return 'mhz';
  if (metric.endsWith('C') && metric.startsWith('temperature')) return 'celsius';
  return 'count';
}

function subjectLabel(subject: string, entity: string | undefined): string {
  switch (subject) {
    case 'cpu':
      return entity === 'total' ? 'CPU' : `CPU ${entity ?? ''}`;
    case 'proc':
      return 'Worker';
    case 'mem':
      return 'Memory';
    case 'swap':
      return 'Swap';
    case 'disk':
      return `Disk ${entity ?? ''}`;
    case 'net':
      return `Network ${entity ?? ''}`;
    case 'psi':
      return PRESSURE_SUBJECTS[entity ?? ''] ?? `Pressure ${entity ?? ''}`;
    case 'gpu':
      return `GPU ${entity ?? ''}`;
    default:
      return subject;
  }
}

/** Describes a series from its name alone; unknown subjects fall in the `cpu` group. */
export function describeSeries(name: string): SeriesInfo {
  const parts = name.split('.');
  const subject = parts[0] ?? name;
  const metric = parts[parts.length - 1] ?? name;
  const entity = parts.length > 2 ? parts.slice(1, -1).join('.') : undefined;
  const metricLabel = METRIC_LABELS[metric] ?? metric;
  return {
    name,
    label: `${subjectLabel(subject, entity)} ${metricLabel}`,
    unit: unitOfMetric(metric),
    group: GROUP_BY_SUBJECT[subject] ?? 'cpu',
  };
}

/**
 * Turns a device or interface name into one series-name part: dots separate parts, so a
 * VLAN interface "eth0.100" becomes "eth0_100".
 */
export function seriesPart(name: string): string {
  return name.includes('.') ? name.replaceAll('.', '_') : name;
}

/** Every series seen so far, in order of first appearance. */
export class SeriesCatalog {
  private readonly infos = new Map<string, SeriesInfo>();

  /** Records the series of one sample; cheap for the usual case of no new names. */
  observe(values: Readonly<Record<string, number>>): void {
    for (const name in values) {
      if (!this.infos.has(name)) this.infos.set(name, describeSeries(name));
    }
  }

  get size(): number {
    return this.infos.size;
  }

  list(): SeriesInfo[] {
    return [...this.infos.values()];
  }
}
