import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WholeDiskFilter, isReportedBlockDevice } from '../../../electron/core/sampling/block-devices.js';
import {
  parseCpuStat,
  parseDiskstats,
  parseNetDev,
  type CpuTicks,
} from '../../../electron/core/sampling/parse-proc.js';
import { counterRate, cpuShares, stallPct } from '../../../electron/core/sampling/rates.js';
import { describeSeries } from '../../../electron/core/sampling/series-catalog.js';
import { CpuTracker, DiskTracker, NetTracker, type SampleValues } from '../../../electron/core/sampling/trackers.js';
import { SeriesInfo } from '../../../electron/shared/sample.js';

const ticks = (values: Partial<CpuTicks>): CpuTicks => ({
  cpu: 0,
  user: 0,
  nice: 0,
  system: 0,
  idle: 0,
  iowait: 0,
  irq: 0,
  softirq: 0,
  steal: 0,
  ...values,
});

/** A /proc/diskstats line in the kernel's layout (17 counters since 5.5). */
const diskLine = (name: string, sectorsRead: number, sectorsWritten: number, busyMs: number): string =>
  `   8       0 ${name} 10 0 ${sectorsRead} 5 20 0 ${sectorsWritten} 7 0 ${busyMs} 12 0 0 0 0 0 0\n`;

describe('rates from two readings', () => {
  it('gives no rate for a counter that went backwards', () => {
    expect(counterRate(1000, 400, 1)).toBeNull();
    expect(counterRate(400, 1000, 2)).toBe(300);
    expect(counterRate(400, 1000, 0)).toBeNull();
    expect(counterRate(Number.NaN, 1000, 1)).toBeNull();
  });

  it('splits core time into busy, iowait and steal that add up with idle to 100', () => {
    const shares = cpuShares(
      ticks({ user: 100, nice: 10, system: 20, irq: 1, softirq: 1, idle: 500, iowait: 5, steal: 2 }),
      ticks({ user: 130, nice: 20, system: 30, irq: 2, softirq: 2, idle: 530, iowait: 10, steal: 4 }),
    );
    // 40 user+nice, 12 system+irq+softirq, 30 idle, 5 iowait, 2 steal of 89 ticks.
    expect(shares?.userPct).toBeCloseTo((40 / 89) * 100);
    expect(shares?.systemPct).toBeCloseTo((12 / 89) * 100);
    expect(shares?.busyPct).toBeCloseTo((52 / 89) * 100);
    expect(shares?.iowaitPct).toBeCloseTo((5 / 89) * 100);
    expect(shares?.stealPct).toBeCloseTo((2 / 89) * 100);
  });

  it('gives no share of negative time when iowait goes backwards (NO_HZ kernels)', () => {
    const shares = cpuShares(ticks({ user: 10, idle: 100, iowait: 50 }), ticks({ user: 20, idle: 110, iowait: 45 }));
    expect(shares).not.toBeNull();
    for (const pct of Object.values(shares ?? {})) expect(pct).toBeGreaterThanOrEqual(0);
    expect(shares?.busyPct).toBeCloseTo(50);
  });

  it('waits for a longer window when no 10 ms tick elapsed on a core', () => {
    const tracker = new CpuTracker();
    const values: SampleValues = {};
    tracker.update([ticks({ user: 10, idle: 10 })], values);
    tracker.update([ticks({ user: 10, idle: 10 })], values);
    expect(values).toEqual({});
    tracker.update([ticks({ user: 11, idle: 11 })], values);
    expect(values['cpu.0.busyPct']).toBe(50);
  });

  it('computes CPU shares from two real readings of /proc/stat', async () => {
    const tracker = new CpuTracker();
    tracker.update(parseCpuStat(fs.readFileSync('/proc/stat', 'latin1')), {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const values: SampleValues = {};
    tracker.update(parseCpuStat(fs.readFileSync('/proc/stat', 'latin1')), values);
    expect(values['cpu.total.busyPct']).toBeGreaterThanOrEqual(0);
    expect(values['cpu.total.busyPct']).toBeLessThanOrEqual(100);
  });

  it('caps stall time at 100 % of the window', () => {
    expect(stallPct(0, 25_000, 0.02)).toBe(100);
    expect(stallPct(0, 5_000, 0.02)).toBeCloseTo(25);
    expect(stallPct(10, 5, 1)).toBeNull();
  });
});

describe('devices and interfaces between readings', () => {
  let tmp: string | null = null;
  afterEach(() => {
    if (tmp !== null) fs.rmSync(tmp, { recursive: true, force: true });
    tmp = null;
  });

  it('reports a disk plugged in mid-run from its second reading on', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sys-block-'));
    fs.mkdirSync(path.join(tmp, 'vda'));
    const tracker = new DiskTracker(new WholeDiskFilter(tmp).includes);
    const first: SampleValues = {};
    tracker.update(parseDiskstats(diskLine('vda', 0, 0, 0) + diskLine('vda1', 0, 0, 0)), 0, first);
    fs.mkdirSync(path.join(tmp, 'sdb'));
    const second: SampleValues = {};
    tracker.update(parseDiskstats(diskLine('vda', 2048, 0, 100) + diskLine('sdb', 8, 8, 1)), 1, second);
    const third: SampleValues = {};
    tracker.update(parseDiskstats(diskLine('vda', 2048, 0, 100) + diskLine('sdb', 2056, 8, 501)), 1, third);

    expect(second).toEqual({
      'disk.vda.readBytesPerSec': 2048 * 512,
      'disk.vda.writeBytesPerSec': 0,
      'disk.vda.busyPct': 10,
    });
    expect(third['disk.sdb.readBytesPerSec']).toBe(2048 * 512);
    expect(third['disk.sdb.busyPct']).toBe(50);
    // vda1 is a partition: it has no /sys/block entry.
    expect(Object.keys(third).some((name) => name.includes('vda1'))).toBe(false);
  });

  it('gives no disk rate when a re-plugged device starts its counters over', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sys-block-'));
    fs.mkdirSync(path.join(tmp, 'sdb'));
    const tracker = new DiskTracker(new WholeDiskFilter(tmp).includes);
    tracker.update(parseDiskstats(diskLine('sdb', 5000, 5000, 900)), 0, {});
    const values: SampleValues = {};
    tracker.update(parseDiskstats(diskLine('sdb', 10, 10, 1)), 1, values);
    expect(values).toEqual({});
  });

  it('leaves out loop, ram and zram devices and keeps real and device-mapper disks', () => {
    expect(['loop0', 'ram1', 'zram0'].map(isReportedBlockDevice)).toEqual([false, false, false]);
    expect(['vda', 'nvme0n1', 'sda', 'dm-0', 'md127'].map(isReportedBlockDevice)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    const filter = new WholeDiskFilter();
    for (const name of fs.readdirSync('/sys/block')) {
      expect(filter.includes(name.replaceAll('!', '/'))).toBe(isReportedBlockDevice(name));
    }
  });

  it('skips loopback, names dotted interfaces with one part, and gives no negative network rate', () => {
    const netDev = (rx: number, tx: number): string =>
      'Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n' +
      `    lo: ${rx} 1 0 0 0 0 0 0 ${tx} 1 0 0 0 0 0 0\n` +
      `eth0.100: ${rx} 1 0 0 0 0 0 0 ${tx} 1 0 0 0 0 0 0\n`;
    const tracker = new NetTracker();
    tracker.update(parseNetDev(netDev(1000, 2000)), 0, {});
    const values: SampleValues = {};
    tracker.update(parseNetDev(netDev(3000, 1000)), 2, values);
    expect(values).toEqual({ 'net.eth0_100.rxBytesPerSec': 1000 });
  });

  it('describes every series name with a label, a unit from its suffix and a group', () => {
    const cases: Array<[string, string, string]> = [
      ['cpu.3.busyPct', 'pct', 'cpu'],
      ['proc.rssBytes', 'bytes', 'process'],
      ['proc.threads', 'count', 'process'],
      ['swap.inPagesPerSec', 'pagesPerSec', 'memory'],
      ['mem.majorFaultsPerSec', 'perSec', 'memory'],
      ['disk.nvme0n1.readBytesPerSec', 'bytesPerSec', 'disk'],
      ['psi.io.fullPct', 'pct', 'pressure'],
      ['gpu.0.temperatureC', 'celsius', 'gpu'],
      ['gpu.1.smClockMhz', 'mhz', 'gpu'],
      ['gpu.0.powerWatts', 'watts', 'gpu'],
    ];
    for (const [name, unit, group] of cases) {
      const info = SeriesInfo.parse(describeSeries(name));
      expect([info.unit, info.group]).toEqual([unit, group]);
    }
    expect(describeSeries('disk.nvme0n1.readBytesPerSec').label).toBe('Disk nvme0n1 read');
    expect(describeSeries('psi.memory.somePct').label).toBe('Memory pressure some tasks stalled');
  });
});
