import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  parseCpuStat,
  parseDiskstats,
  parseKernelPageSize,
  parseMeminfo,
  parseNetDev,
  parsePidIo,
  parsePidStat,
  parsePressure,
  parseVmstat,
} from '../../../electron/core/sampling/parse-proc.js';

const read = (path: string): string => fs.readFileSync(path, 'latin1');

describe('parsers on the real /proc of this machine', () => {
  it('reads one aggregate line and one line per logical CPU from /proc/stat', () => {
    const cpus = parseCpuStat(read('/proc/stat'));
    expect(cpus[0]?.cpu).toBe(-1);
    expect(cpus.slice(1).map((cpu) => cpu.cpu)).toEqual(os.cpus().map((_, index) => index));
    for (const cpu of cpus) {
      for (const ticks of [cpu.user, cpu.nice, cpu.system, cpu.idle, cpu.iowait, cpu.irq, cpu.softirq, cpu.steal]) {
        expect(Number.isInteger(ticks) && ticks >= 0).toBe(true);
      }
    }
  });

  it('reads the same total memory from /proc/meminfo as os.totalmem()', () => {
    const mem = parseMeminfo(read('/proc/meminfo'));
    expect(mem.totalBytes).toBe(os.totalmem());
    expect(mem.availableBytes).toBeGreaterThan(0);
    expect(mem.availableBytes).toBeLessThanOrEqual(mem.totalBytes);
    expect(mem.swapFreeBytes).toBeLessThanOrEqual(mem.swapTotalBytes);
  });

  it('finds the swap and major-fault counters in /proc/vmstat', () => {
    const vm = parseVmstat(read('/proc/vmstat'));
    for (const counter of [vm.swapInPages, vm.swapOutPages, vm.majorFaults]) {
      expect(Number.isInteger(counter) && counter >= 0).toBe(true);
    }
  });

  it('lists every block device of /sys/block in /proc/diskstats', () => {
    const names = parseDiskstats(read('/proc/diskstats')).map((disk) => disk.name);
    const wholeDevices = fs.readdirSync('/sys/block').map((name) => name.replaceAll('!', '/'));
    for (const device of wholeDevices) expect(names).toContain(device);
    for (const disk of parseDiskstats(read('/proc/diskstats'))) {
      expect(Number.isInteger(disk.sectorsRead) && Number.isInteger(disk.busyMs)).toBe(true);
    }
  });

  it('lists every network interface of /sys/class/net in /proc/net/dev', () => {
    const ifaces = parseNetDev(read('/proc/net/dev'));
    expect(ifaces.map((iface) => iface.name).sort()).toEqual(fs.readdirSync('/sys/class/net').sort());
    for (const iface of ifaces) expect(iface.rxBytes).toBeGreaterThanOrEqual(0);
  });

  it.runIf(fs.existsSync('/proc/pressure'))('reads cumulative stall totals from /proc/pressure', () => {
    for (const resource of ['cpu', 'memory', 'io']) {
      const totals = parsePressure(read(`/proc/pressure/${resource}`));
      expect(Number.isInteger(totals.someUs)).toBe(true);
    }
    expect(Number.isInteger(parsePressure(read('/proc/pressure/io')).fullUs)).toBe(true);
  });

  it("reads this process's threads, rss and faults from /proc/self/stat", () => {
    const stat = parsePidStat(read('/proc/self/stat'));
    expect(stat).not.toBeNull();
    const pageBytes = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
    const statusThreads = Number(/^Threads:\s+(\d+)/m.exec(read('/proc/self/status'))?.[1]);
    expect(stat?.threads).toBeGreaterThanOrEqual(1);
    // Threads may start or end between the two reads, but not by dozens.
    expect(Math.abs((stat?.threads ?? 0) - statusThreads)).toBeLessThan(8);
    const rssBytes = (stat?.rssPages ?? 0) * pageBytes;
    expect(rssBytes).toBeGreaterThan(process.memoryUsage().rss / 2);
    expect(rssBytes).toBeLessThan(process.memoryUsage().rss * 2);
    expect(stat?.state).toMatch(/^[RSD]$/);
  });

  it('reads storage byte counters from /proc/self/io', () => {
    const io = parsePidIo(read('/proc/self/io'));
    expect(Number.isInteger(io.readBytes) && io.readBytes >= 0).toBe(true);
    expect(Number.isInteger(io.writeBytes) && io.writeBytes >= 0).toBe(true);
  });

  it('finds the same page size in /proc/self/smaps as getconf', () => {
    const pageBytes = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
    expect(parseKernelPageSize(read('/proc/self/smaps'))).toBe(pageBytes);
  });
});

describe('parser edge cases', () => {
  it('counts stat fields from the last parenthesis when the command name holds spaces and parentheses', async () => {
    // libuv sets the kernel's comm from process.title, so this is a real /proc entry.
    const child = spawn(process.execPath, ['-e', "process.title = 'a) b (c'; setTimeout(() => {}, 20000)"], {
      stdio: 'ignore',
    });
    try {
      const statPath = `/proc/${child.pid}/stat`;
      let text = read(statPath);
      for (let attempt = 0; attempt < 200 && !text.includes('(a) b (c)'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        text = read(statPath);
      }
      expect(text).toContain('(a) b (c)');
      const stat = parsePidStat(text);
      expect(stat?.state).toMatch(/^[RS]$/);
      expect(stat?.threads).toBeGreaterThanOrEqual(1);
      expect(stat?.rssPages).toBeGreaterThan(0);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('parses a stat line whose name ends in ") " and whose priority is negative', () => {
    const line =
      '4242 (x) ) R 1 4242 4242 0 -1 4194560 100 0 7 0 250 50 0 0 -51 -20 12 0 100 1000 300 ' +
      '18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 50 1 0 0 0\n';
    expect(parsePidStat(line)).toEqual({ state: 'R', majorFaults: 7, cpuTicks: 300, threads: 12, rssPages: 300 });
  });

  it('returns null for text that is not a stat line', () => {
    expect(parsePidStat('')).toBeNull();
    expect(parsePidStat('4242 (truncated')).toBeNull();
  });

  it('stops at the first non-cpu line of /proc/stat and tolerates kernels without steal', () => {
    const cpus = parseCpuStat('cpu  10 1 5 100\ncpu0 10 1 5 100\nintr 1 2 3\ncpu9 1 1 1 1\n');
    expect(cpus.map((cpu) => cpu.cpu)).toEqual([-1, 0]);
    expect(cpus[1]).toMatchObject({ user: 10, iowait: 0, steal: 0 });
  });

  it('reports a missing MemAvailable as NaN, not 0', () => {
    const mem = parseMeminfo('MemTotal:       1000 kB\nMemFree:         500 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n');
    expect(mem.totalBytes).toBe(1_024_000);
    expect(mem.availableBytes).toBeNaN();
  });

  it('reads a cpu pressure file without a "full" line (kernels before 5.13)', () => {
    const totals = parsePressure('some avg10=0.00 avg60=0.00 avg300=0.00 total=123456\n');
    expect(totals.someUs).toBe(123456);
    expect(totals.fullUs).toBeNaN();
  });
});
