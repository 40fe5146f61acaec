/**
 * Whole-machine readings from /proc: CPU shares per core, memory and swap, storage and
 * network throughput, and pressure stall information. Every file is opened once and
 * re-read; a file this kernel lacks (e.g. /proc/pressure before 4.20, or with psi=0)
 * simply contributes no series. CPU (/proc/stat) is the fast part, read every tick; the
 * rest is the slow part, which the caller may read less often (see procReader.ts).
 */
import { WholeDiskFilter } from './block-devices.js';
import {
  parseCpuStat,
  parseDiskstats,
  parseMeminfo,
  parseNetDev,
  parsePressure,
  parseVmstat,
  type PressureTotals,
  type VmCounters,
} from './parse-proc.js';
import { ProcFile } from './proc-file.js';
import { counterRate, stallPct } from './rates.js';
import { CpuTracker, DiskTracker, NetTracker, type SampleValues } from './trackers.js';

/** Where the reader finds its files; tests point `pressureDir` at a missing directory. */
export interface ProcPaths {
  procDir: string;
  pressureDir: string;
  sysBlockDir: string;
}

export const DEFAULT_PROC_PATHS: ProcPaths = {
  procDir: '/proc',
  pressureDir: '/proc/pressure',
  sysBlockDir: '/sys/block',
};

const PRESSURE_RESOURCES = ['cpu', 'memory', 'io'] as const;
type PressureResource = (typeof PRESSURE_RESOURCES)[number];

interface PressureEntry {
  file: ProcFile;
  previous: PressureTotals | null;
  some: string;
  /** psi.cpu.fullPct is not reported: at system level it is always 0 (psi.rst). */
  full: string | null;
}

export class SystemReader {
  private readonly stat: ProcFile | null;
  private readonly meminfo: ProcFile | null;
  private readonly vmstat: ProcFile | null;
  private readonly diskstats: ProcFile | null;
  private readonly netDev: ProcFile | null;
  private readonly pressure: PressureEntry[] = [];
  private readonly cpus = new CpuTracker();
  private readonly disks: DiskTracker;
  private readonly nets = new NetTracker();
  private previousVm: VmCounters | null = null;
  private previousSlowNs: bigint | null = null;

  constructor(paths: ProcPaths = DEFAULT_PROC_PATHS) {
    this.stat = ProcFile.open(`${paths.procDir}/stat`);
    this.meminfo = ProcFile.open(`${paths.procDir}/meminfo`);
    this.vmstat = ProcFile.open(`${paths.procDir}/vmstat`);
    this.diskstats = ProcFile.open(`${paths.procDir}/diskstats`);
    this.netDev = ProcFile.open(`${paths.procDir}/net/dev`);
    this.disks = new DiskTracker(new WholeDiskFilter(paths.sysBlockDir).includes);
    for (const resource of PRESSURE_RESOURCES) {
      const file = ProcFile.open(`${paths.pressureDir}/${resource}`);
      if (file !== null) this.pressure.push(pressureEntry(resource, file));
    }
  }

  /** Whether this kernel exposes /proc/pressure (PSI). */
  get hasPressure(): boolean {
    return this.pressure.length > 0;
  }

  /** CPU shares per core since the previous readFast(). */
  readFast(values: SampleValues): void {
    const statText = this.stat?.read();
    if (statText) this.cpus.update(parseCpuStat(statText), values);
  }

  /** Memory, swap, storage, network and pressure; rates cover the time since the previous readSlow(). */
  readSlow(nowNs: bigint, values: SampleValues): void {
    const seconds = this.previousSlowNs === null ? 0 : Number(nowNs - this.previousSlowNs) / 1e9;
    this.previousSlowNs = nowNs;

    const memText = this.meminfo?.read();
    if (memText) {
      const mem = parseMeminfo(memText);
      setIfNumber(values, 'mem.availableBytes', mem.availableBytes);
      setIfNumber(values, 'mem.usedBytes', mem.totalBytes - mem.availableBytes);
      setIfNumber(values, 'mem.swapUsedBytes', mem.swapTotalBytes - mem.swapFreeBytes);
    }

    const vmText = this.vmstat?.read();
    if (vmText) {
      const vm = parseVmstat(vmText);
      const previous = this.previousVm;
      this.previousVm = vm;
      if (previous !== null) {
        setRate(values, 'swap.inPagesPerSec', counterRate(previous.swapInPages, vm.swapInPages, seconds));
        setRate(values, 'swap.outPagesPerSec', counterRate(previous.swapOutPages, vm.swapOutPages, seconds));
        setRate(values, 'mem.majorFaultsPerSec', counterRate(previous.majorFaults, vm.majorFaults, seconds));
      }
    }

    const diskText = this.diskstats?.read();
    if (diskText) this.disks.update(parseDiskstats(diskText), seconds, values);

    const netText = this.netDev?.read();
    if (netText) this.nets.update(parseNetDev(netText), seconds, values);

    for (const entry of this.pressure) this.readPressure(entry, seconds, values);
  }

  close(): void {
    for (const file of [this.stat, this.meminfo, this.vmstat, this.diskstats, this.netDev]) file?.close();
    for (const entry of this.pressure) entry.file.close();
  }

  private readPressure(entry: PressureEntry, seconds: number, values: SampleValues): void {
    const text = entry.file.read();
    if (!text) return;
    const totals = parsePressure(text);
    const previous = entry.previous;
    entry.previous = totals;
    if (previous === null) return;
    setRate(values, entry.some, stallPct(previous.someUs, totals.someUs, seconds));
    if (entry.full !== null) setRate(values, entry.full, stallPct(previous.fullUs, totals.fullUs, seconds));
  }
}

function pressureEntry(resource: PressureResource, file: ProcFile): PressureEntry {
  return {
    file,
    previous: null,
    some: `psi.${resource}.somePct`,
    full: resource === 'cpu' ? null : `psi.${resource}.fullPct`,
  };
}

function setIfNumber(values: SampleValues, name: string, value: number): void {
  if (!Number.isNaN(value)) values[name] = value;
}

function setRate(values: SampleValues, name: string, rate: number | null): void {
  if (rate !== null) values[name] = rate;
}
