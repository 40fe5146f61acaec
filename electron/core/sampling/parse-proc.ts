/**
 * Pure parsers for the /proc files the Linux sampler reads. Each takes the whole text of
 * one read and returns counters; rates are computed elsewhere from two readings.
 * Formats: proc(5) and Documentation/admin-guide/iostats.rst, psi.rst in the kernel.
 */
import { TextCursor, readKeyedNumbers } from './text-scan.js';

/** One `cpu`/`cpuN` line of /proc/stat, in USER_HZ ticks (10 ms). */
export interface CpuTicks {
  /** -1 for the aggregate `cpu` line, otherwise the core number. */
  cpu: number;
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

/**
 * The cpu lines at the top of /proc/stat. Scanning stops at the first other line, so
 * the long `intr` line is never walked. guest/guest_nice are left out: the kernel
 * already counts them inside user/nice.
 */
export function parseCpuStat(text: string): CpuTicks[] {
  const cpus: CpuTicks[] = [];
  const cursor = new TextCursor(text);
  while (cursor.consume('cpu')) {
    const cpu = text.charCodeAt(cursor.pos) === 0x20 ? -1 : cursor.readUint();
    cpus.push({
      cpu,
      user: cursor.readUint(),
      nice: cursor.readUint(),
      system: cursor.readUint(),
      idle: cursor.readUint(),
      // Fields added in 2.5/2.6 kernels; absent ones read as NaN and count as 0.
      iowait: orZero(cursor.readUint()),
      irq: orZero(cursor.readUint()),
      softirq: orZero(cursor.readUint()),
      steal: orZero(cursor.readUint()),
    });
    cursor.nextLine();
  }
  return cpus;
}

export interface MemInfo {
  totalBytes: number;
  /** MemAvailable (kernel ≥ 3.14); NaN where the kernel does not report it. */
  availableBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** /proc/meminfo reports kB, which the kernel means as KiB. */
export function parseMeminfo(text: string): MemInfo {
  const [total, available, swapTotal, swapFree] = readKeyedNumbers(text, [
    'MemTotal:',
    'MemAvailable:',
    'SwapTotal:',
    'SwapFree:',
  ]);
  return {
    totalBytes: (total ?? Number.NaN) * 1024,
    availableBytes: (available ?? Number.NaN) * 1024,
    swapTotalBytes: (swapTotal ?? Number.NaN) * 1024,
    swapFreeBytes: (swapFree ?? Number.NaN) * 1024,
  };
}

/** Cumulative page counters from /proc/vmstat. */
export interface VmCounters {
  swapInPages: number;
  swapOutPages: number;
  majorFaults: number;
}

export function parseVmstat(text: string): VmCounters {
  const [swapIn, swapOut, majorFaults] = readKeyedNumbers(text, ['pswpin', 'pswpout', 'pgmajfault']);
  return {
    swapInPages: swapIn ?? Number.NaN,
    swapOutPages: swapOut ?? Number.NaN,
    majorFaults: majorFaults ?? Number.NaN,
  };
}

export interface DiskCounters {
  name: string;
  /** Sectors are always 512 bytes in /proc/diskstats, whatever the device's sector size. */
  sectorsRead: number;
  sectorsWritten: number;
  /** Milliseconds during which the device had I/O in flight ("io_ticks"). */
  busyMs: number;
}

/** Every line of /proc/diskstats, partitions included; the caller keeps whole devices. */
export function parseDiskstats(text: string): DiskCounters[] {
  const disks: DiskCounters[] = [];
  const cursor = new TextCursor(text);
  while (!cursor.atEnd()) {
    cursor.skipField(); // major
    cursor.skipField(); // minor
    const name = cursor.readToken();
    if (name !== '') {
      cursor.skipField(); // reads completed
      cursor.skipField(); // reads merged
      const sectorsRead = cursor.readUint();
      cursor.skipField(); // ms reading
      cursor.skipField(); // writes completed
      cursor.skipField(); // writes merged
      const sectorsWritten = cursor.readUint();
      cursor.skipField(); // ms writing
      cursor.skipField(); // I/Os in progress
      const busyMs = cursor.readUint();
      disks.push({ name, sectorsRead, sectorsWritten, busyMs });
    }
    cursor.nextLine();
  }
  return disks;
}

export interface NetCounters {
  name: string;
  rxBytes: number;
  txBytes: number;
}

/** /proc/net/dev: two header lines, then "iface: 8 receive fields, 8 transmit fields". */
export function parseNetDev(text: string): NetCounters[] {
  const ifaces: NetCounters[] = [];
  const cursor = new TextCursor(text);
  cursor.nextLine();
  cursor.nextLine();
  while (!cursor.atEnd()) {
    const name = cursor.readToken(0x3a /* ':' */);
    if (name !== '' && cursor.consume(':')) {
      const rxBytes = cursor.readUint();
      for (let i = 0; i < 7; i++) cursor.skipField();
      const txBytes = cursor.readUint();
      ifaces.push({ name, rxBytes, txBytes });
    }
    cursor.nextLine();
  }
  return ifaces;
}

/** Cumulative stall time from one /proc/pressure/* file, in microseconds. */
export interface PressureTotals {
  someUs: number;
  /** NaN where the file has no "full" line (cpu before kernel 5.13). */
  fullUs: number;
}

export function parsePressure(text: string): PressureTotals {
  const totals: PressureTotals = { someUs: Number.NaN, fullUs: Number.NaN };
  const cursor = new TextCursor(text);
  while (!cursor.atEnd()) {
    const kind = cursor.readToken();
    const lineEnd = text.indexOf('\n', cursor.pos);
    const totalAt = text.indexOf('total=', cursor.pos);
    if (totalAt !== -1 && (lineEnd === -1 || totalAt < lineEnd)) {
      cursor.pos = totalAt + 'total='.length;
      const total = cursor.readUint();
      if (kind === 'some') totals.someUs = total;
      else if (kind === 'full') totals.fullUs = total;
    }
    cursor.nextLine();
  }
  return totals;
}

/** The fields the sampler uses from /proc/<pid>/stat. */
export interface PidStat {
  state: string;
  majorFaults: number;
  /** utime + stime of all threads, in USER_HZ ticks (10 ms). */
  cpuTicks: number;
  threads: number;
  rssPages: number;
}

/**
 * /proc/<pid>/stat. The command name (field 2) is in parentheses and may itself hold
 * spaces and ')', so fields are counted from the LAST ')' in the line, as procps does.
 * Returns null for text that is not a stat line.
 */
export function parsePidStat(text: string): PidStat | null {
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const cursor = new TextCursor(text);
  cursor.pos = close + 1;
  const state = cursor.readToken(); // field 3
  for (let field = 4; field < 12; field++) cursor.skipField();
  const majorFaults = cursor.readUint(); // field 12
  cursor.skipField(); // 13 cmajflt
  const utime = cursor.readUint(); // 14
  const stime = cursor.readUint(); // 15
  // 16–19: cutime, cstime, priority, nice (the last two may be negative).
  for (let field = 16; field < 20; field++) cursor.skipField();
  const threads = cursor.readUint(); // 20
  cursor.skipField(); // 21 itrealvalue
  cursor.skipField(); // 22 starttime
  cursor.skipField(); // 23 vsize
  const rssPages = cursor.readUint(); // 24
  if (Number.isNaN(rssPages)) return null;
  return { state, majorFaults, cpuTicks: utime + stime, threads, rssPages };
}

/** Storage bytes from /proc/<pid>/io: what the process caused to be fetched/sent to disk. */
export interface PidIo {
  readBytes: number;
  writeBytes: number;
}

export function parsePidIo(text: string): PidIo {
  const [readBytes, writeBytes] = readKeyedNumbers(text, ['read_bytes:', 'write_bytes:']);
  return { readBytes: readBytes ?? Number.NaN, writeBytes: writeBytes ?? Number.NaN };
}

/** The first "KernelPageSize: N kB" in an smaps text, in bytes; NaN when absent. */
export function parseKernelPageSize(smapsText: string): number {
  const at = smapsText.indexOf('KernelPageSize:');
  if (at === -1) return Number.NaN;
  const cursor = new TextCursor(smapsText);
  cursor.pos = at + 'KernelPageSize:'.length;
  return cursor.readUint() * 1024;
}

function orZero(value: number): number {
  return Number.isNaN(value) ? 0 : value;
}
