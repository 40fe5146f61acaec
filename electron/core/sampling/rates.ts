/**
 * Turning two readings of cumulative counters into rates and shares. Counters can go
 * backwards (a device re-plugged, a counter wrapped, the per-core iowait decrement that
 * NO_HZ kernels show), so every delta is checked: a rate is never negative, and a
 * reading that cannot give an honest value gives none.
 */
import type { CpuTicks } from './parse-proc.js';

/** (current − previous) / seconds, or null when either side is missing or it went backwards. */
export function counterRate(previous: number, current: number, seconds: number): number | null {
  if (!(seconds > 0) || Number.isNaN(previous) || Number.isNaN(current)) return null;
  const delta = current - previous;
  return delta >= 0 ? delta / seconds : null;
}

/** How a core's time was spent between two readings, in % of that time. */
export interface CpuShares {
  busyPct: number;
  userPct: number;
  systemPct: number;
  iowaitPct: number;
  stealPct: number;
}

/**
 * Shares of one core (or of all, for the aggregate line). nice counts as user and
 * irq/softirq as system. `busy` is user + system: time this machine's own work ran;
 * steal (the hypervisor ran another guest) and iowait (idle with I/O outstanding) are
 * reported beside it, so busy + iowait + steal + idle = 100.
 * Null when no 10 ms tick elapsed between the readings: at 100 Hz a single core often
 * accrues none, and 0/0 is not a utilisation.
 */
export function cpuShares(previous: CpuTicks, current: CpuTicks): CpuShares | null {
  const user = positiveDelta(previous.user, current.user) + positiveDelta(previous.nice, current.nice);
  const system =
    positiveDelta(previous.system, current.system) +
    positiveDelta(previous.irq, current.irq) +
    positiveDelta(previous.softirq, current.softirq);
  const idle = positiveDelta(previous.idle, current.idle);
  const iowait = positiveDelta(previous.iowait, current.iowait);
  const steal = positiveDelta(previous.steal, current.steal);
  const total = user + system + idle + iowait + steal;
  if (total <= 0) return null;
  const toPct = 100 / total;
  return {
    busyPct: (user + system) * toPct,
    userPct: user * toPct,
    systemPct: system * toPct,
    iowaitPct: iowait * toPct,
    stealPct: steal * toPct,
  };
}

/** Time stalled over the window, as % of wall time, capped at 100 (rounding at short windows). */
export function stallPct(previousUs: number, currentUs: number, seconds: number): number | null {
  const rate = counterRate(previousUs, currentUs, seconds);
  return rate === null ? null : Math.min(100, rate / 1e4);
}

function positiveDelta(previous: number, current: number): number {
  const delta = current - previous;
  return delta > 0 ? delta : 0;
}
