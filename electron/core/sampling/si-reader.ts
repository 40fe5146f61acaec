/**
 * The portable source, on systeminformation, for macOS and Windows (and forced on Linux
 * in tests). systeminformation caches its rate metrics — CPU load for 200 ms, disk,
 * network and process figures for 500 ms — and runs shell tools for some calls, so it
 * is sampled at most 4 Hz, and at 4 Hz every other disk/network value repeats. It has no
 * per-device disk throughput, disk busy time, iowait, swap traffic or pressure stalls:
 * those series are absent on this source.
 */
import os from 'node:os';
import si from 'systeminformation';
import type { SampleReader } from './running-sampler.js';
import { seriesPart } from './series-catalog.js';
import type { SampleValues } from './trackers.js';

/** The honest ceiling of this source (see above). */
export const SI_MAX_HZ = 4;

type Settled<T> = PromiseSettledResult<T>;

function valueOf<T>(result: Settled<T>): T | null {
  return result.status === 'fulfilled' ? result.value : null;
}

function setFinite(values: SampleValues, name: string, value: number | null | undefined): void {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) values[name] = value;
}

export class SiReader implements SampleReader {
  readonly source = 'systeminformation' as const;
  private pid: number | null = null;
  /** Reads run one after another: a slow call must not overlap the next tick's. */
  private queue: Promise<void> = Promise.resolve();
  private readonly logicalCores = Math.max(1, os.cpus().length);

  setPid(pid: number | null): void {
    this.pid = pid;
  }

  read(_nowNs: bigint, values: SampleValues): Promise<void> {
    const reading = this.queue.then(() => this.readNow(values));
    // A failed reading rejects for its own tick only; the next one still runs.
    this.queue = reading.catch(() => undefined);
    return reading;
  }

  close(): void {
    this.pid = null;
  }

  private async readNow(values: SampleValues): Promise<void> {
    const pid = this.pid;
    const [load, mem, fsStats, nets, processes] = await Promise.allSettled([
      si.currentLoad(),
      si.mem(),
      si.fsStats(),
      si.networkStats('*'),
      pid === null ? Promise.resolve(null) : si.processes(),
    ]);
    this.writeCpu(valueOf(load), values);
    const memory = valueOf(mem);
    if (memory) {
      setFinite(values, 'mem.availableBytes', memory.available);
      setFinite(values, 'mem.usedBytes', memory.total - memory.available);
      setFinite(values, 'mem.swapUsedBytes', memory.swapused);
    }
    // fsStats sums every disk; per-device bytes are not available from systeminformation.
    const fs = valueOf(fsStats);
    setFinite(values, 'disk.total.readBytesPerSec', fs?.rx_sec);
    setFinite(values, 'disk.total.writeBytesPerSec', fs?.wx_sec);
    for (const net of valueOf(nets) ?? []) {
      if (net.iface === 'lo' || net.iface.startsWith('Loopback')) continue;
      const prefix = `net.${seriesPart(net.iface)}`;
      setFinite(values, `${prefix}.rxBytesPerSec`, net.rx_sec);
      setFinite(values, `${prefix}.txBytesPerSec`, net.tx_sec);
    }
    const worker = valueOf(processes)?.list.find((entry) => entry.pid === pid);
    if (worker !== undefined && this.pid === pid) {
      // Linux and Windows report process CPU normalised to all cores; macOS reports ps's
      // %cpu, where 100 is one core. The series means one core = 100 everywhere.
      const perCore = process.platform === 'darwin' ? 1 : this.logicalCores;
      setFinite(values, 'proc.cpuPct', worker.cpu * perCore);
      // memRss is in KiB (ps rss; WorkingSetSize / 1024 on Windows).
      setFinite(values, 'proc.rssBytes', worker.memRss * 1024);
    }
  }

  private writeCpu(load: Awaited<ReturnType<typeof si.currentLoad>> | null, values: SampleValues): void {
    if (!load) return;
    const write = (
      prefix: string,
      busy: number,
      steal: number,
      user: number,
      nice: number,
      system: number,
      irq: number,
    ): void => {
      // systeminformation's load includes steal; busy here means this machine's own work.
      setFinite(values, `${prefix}.busyPct`, busy - steal);
      setFinite(values, `${prefix}.userPct`, user + nice);
      setFinite(values, `${prefix}.systemPct`, system + irq);
      setFinite(values, `${prefix}.stealPct`, steal);
    };
    write(
      'cpu.total',
      load.currentLoad,
      load.currentLoadSteal,
      load.currentLoadUser,
      load.currentLoadNice,
      load.currentLoadSystem,
      load.currentLoadIrq,
    );
    load.cpus.forEach((core, index) =>
      write(`cpu.${index}`, core.load, core.loadSteal, core.loadUser, core.loadNice, core.loadSystem, core.loadIrq),
    );
  }
}
