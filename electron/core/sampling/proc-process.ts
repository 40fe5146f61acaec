/**
 * Readings of the inference worker from /proc/<pid>/stat and /proc/<pid>/io. The pid
 * changes when a worker is replaced and disappears when it exits; neither is an error:
 * the `proc.*` series are simply absent while no live worker is watched.
 */
import { parseKernelPageSize, parsePidIo, parsePidStat, type PidIo, type PidStat } from './parse-proc.js';
import { ProcFile, readHead } from './proc-file.js';
import { counterRate } from './rates.js';
import type { SampleValues } from './trackers.js';

/**
 * USER_HZ, the unit of utime/stime. It is 100 on every Linux ABI Node runs on; Node has
 * no sysconf(_SC_CLK_TCK) to ask, and a wrong guess would show as a CPU rate off by a
 * constant factor in the busy-child test.
 */
const TICKS_PER_SEC = 100;

/** The page size /proc/<pid>/stat counts rss in, from this process's own smaps. */
function kernelPageBytes(procDir: string): number {
  const head = readHead(`${procDir}/self/smaps`, 4096);
  const bytes = head === null ? Number.NaN : parseKernelPageSize(head);
  // 4 KiB is the page size of x86-64 and of most arm64 kernels.
  return Number.isNaN(bytes) ? 4096 : bytes;
}

interface Watched {
  pid: number;
  stat: ProcFile;
  /** Null when /proc/<pid>/io may not be read (another user's process without ptrace rights). */
  io: ProcFile | null;
  previousStat: PidStat | null;
  previousIo: PidIo | null;
  previousNs: bigint;
}

export class ProcessReader {
  private readonly pageBytes: number;
  private watched: Watched | null = null;

  constructor(private readonly procDir = '/proc') {
    this.pageBytes = kernelPageBytes(procDir);
  }

  get pid(): number | null {
    return this.watched?.pid ?? null;
  }

  /**
   * Watches `pid` (or nothing). A pid whose /proc entry is already gone is accepted and
   * watched as nothing. The first reading is taken at once, so the next tick has rates.
   */
  setPid(pid: number | null, nowNs: bigint): void {
    this.close();
    if (pid === null) return;
    const stat = ProcFile.open(`${this.procDir}/${pid}/stat`);
    if (stat === null) return;
    const io = ProcFile.open(`${this.procDir}/${pid}/io`);
    this.watched = { pid, stat, io, previousStat: null, previousIo: null, previousNs: nowNs };
    this.read(nowNs, {});
  }

  read(nowNs: bigint, values: SampleValues): void {
    const watched = this.watched;
    if (watched === null) return;
    const statText = watched.stat.read();
    const stat = statText === null ? null : parsePidStat(statText);
    if (stat === null) {
      // ESRCH/ENOENT: the worker exited and was reaped. Stop watching it.
      this.close();
      return;
    }
    const seconds = Number(nowNs - watched.previousNs) / 1e9;
    const previous = watched.previousStat;
    watched.previousStat = stat;
    watched.previousNs = nowNs;

    values['proc.rssBytes'] = stat.rssPages * this.pageBytes;
    values['proc.threads'] = stat.threads;
    values['proc.majorFaults'] = stat.majorFaults;
    if (previous !== null) {
      const ticksPerSec = counterRate(previous.cpuTicks, stat.cpuTicks, seconds);
      // 100 = one core busy for the whole window; 10 ms ticks make short windows coarse.
      if (ticksPerSec !== null) values['proc.cpuPct'] = (ticksPerSec / TICKS_PER_SEC) * 100;
      const faults = counterRate(previous.majorFaults, stat.majorFaults, seconds);
      if (faults !== null) values['proc.majorFaultsPerSec'] = faults;
    }
    this.readIo(watched, seconds, values);
  }

  close(): void {
    const watched = this.watched;
    this.watched = null;
    watched?.stat.close();
    watched?.io?.close();
  }

  private readIo(watched: Watched, seconds: number, values: SampleValues): void {
    const text = watched.io?.read();
    if (!text) return;
    const io = parsePidIo(text);
    const previous = watched.previousIo;
    watched.previousIo = io;
    if (!Number.isNaN(io.readBytes)) values['proc.readBytes'] = io.readBytes;
    if (!Number.isNaN(io.writeBytes)) values['proc.writeBytes'] = io.writeBytes;
    if (previous === null) return;
    const readRate = counterRate(previous.readBytes, io.readBytes, seconds);
    const writeRate = counterRate(previous.writeBytes, io.writeBytes, seconds);
    if (readRate !== null) values['proc.readBytesPerSec'] = readRate;
    if (writeRate !== null) values['proc.writeBytesPerSec'] = writeRate;
  }
}
