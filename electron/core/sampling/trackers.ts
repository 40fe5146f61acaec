/**
 * Per-entity state between readings: the previous counters of each core, block device
 * and network interface, with the series names it writes (built once per entity, not
 * per tick). Entities may appear or vanish between readings (hot-plugged disks, docker
 * veth interfaces, CPU hotplug); a new one gets its baseline first and rates from the
 * next reading on.
 */
import type { CpuTicks, DiskCounters, NetCounters } from './parse-proc.js';
import { counterRate, cpuShares } from './rates.js';
import { seriesPart } from './series-catalog.js';

/** Sample values under construction, keyed by series name. */
export type SampleValues = Record<string, number>;

/** /proc/diskstats counts 512-byte sectors regardless of the device's own sector size. */
const DISKSTATS_SECTOR_BYTES = 512;

interface CpuEntry {
  previous: CpuTicks;
  busy: string;
  user: string;
  system: string;
  iowait: string;
  steal: string;
}

export class CpuTracker {
  private readonly entries = new Map<number, CpuEntry>();

  update(cpus: readonly CpuTicks[], values: SampleValues): void {
    for (const current of cpus) {
      const entry = this.entries.get(current.cpu);
      if (entry === undefined) {
        const prefix = current.cpu === -1 ? 'cpu.total' : `cpu.${current.cpu}`;
        this.entries.set(current.cpu, {
          previous: current,
          busy: `${prefix}.busyPct`,
          user: `${prefix}.userPct`,
          system: `${prefix}.systemPct`,
          iowait: `${prefix}.iowaitPct`,
          steal: `${prefix}.stealPct`,
        });
        continue;
      }
      const shares = cpuShares(entry.previous, current);
      // Without an elapsed tick the baseline stays, so the next reading covers a longer
      // window instead of this core dropping out for good at high rates.
      if (shares === null) continue;
      entry.previous = current;
      values[entry.busy] = shares.busyPct;
      values[entry.user] = shares.userPct;
      values[entry.system] = shares.systemPct;
      values[entry.iowait] = shares.iowaitPct;
      values[entry.steal] = shares.stealPct;
    }
  }
}

interface DiskEntry {
  previous: DiskCounters;
  read: string;
  write: string;
  busy: string;
}

export class DiskTracker {
  private readonly entries = new Map<string, DiskEntry>();

  /** `isWholeDisk` decides which diskstats lines are sampled (see blockDevices.ts). */
  constructor(private readonly isWholeDisk: (name: string) => boolean) {}

  update(disks: readonly DiskCounters[], seconds: number, values: SampleValues): void {
    for (const current of disks) {
      const entry = this.entries.get(current.name);
      if (entry === undefined) {
        if (!this.isWholeDisk(current.name)) continue;
        const prefix = `disk.${seriesPart(current.name)}`;
        this.entries.set(current.name, {
          previous: current,
          read: `${prefix}.readBytesPerSec`,
          write: `${prefix}.writeBytesPerSec`,
          busy: `${prefix}.busyPct`,
        });
        continue;
      }
      const previous = entry.previous;
      entry.previous = current;
      const readRate = counterRate(previous.sectorsRead, current.sectorsRead, seconds);
      const writeRate = counterRate(previous.sectorsWritten, current.sectorsWritten, seconds);
      const busyMsPerSec = counterRate(previous.busyMs, current.busyMs, seconds);
      if (readRate !== null) values[entry.read] = readRate * DISKSTATS_SECTOR_BYTES;
      if (writeRate !== null) values[entry.write] = writeRate * DISKSTATS_SECTOR_BYTES;
      // io_ticks is updated at request completion, so a short window can exceed 100 %.
      if (busyMsPerSec !== null) values[entry.busy] = Math.min(100, busyMsPerSec / 10);
    }
  }
}

interface NetEntry {
  previous: NetCounters;
  rx: string;
  tx: string;
}

export class NetTracker {
  private readonly entries = new Map<string, NetEntry>();

  update(ifaces: readonly NetCounters[], seconds: number, values: SampleValues): void {
    for (const current of ifaces) {
      // Loopback traffic never leaves the machine: it is not a communication bottleneck.
      if (current.name === 'lo') continue;
      const entry = this.entries.get(current.name);
      if (entry === undefined) {
        const prefix = `net.${seriesPart(current.name)}`;
        this.entries.set(current.name, {
          previous: current,
          rx: `${prefix}.rxBytesPerSec`,
          tx: `${prefix}.txBytesPerSec`,
        });
        continue;
      }
      const previous = entry.previous;
      entry.previous = current;
      const rx = counterRate(previous.rxBytes, current.rxBytes, seconds);
      const tx = counterRate(previous.txBytes, current.txBytes, seconds);
      if (rx !== null) values[entry.rx] = rx;
      if (tx !== null) values[entry.tx] = tx;
    }
  }
}
