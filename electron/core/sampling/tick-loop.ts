/**
 * Deadline-based ticking: tick k is due at start + k·period, so lateness never
 * accumulates (setInterval drifts by each callback's own lateness). A tick that finds
 * itself more than a period late skips the ticks it overran and counts them as missed,
 * instead of firing a burst to catch up.
 */

export interface TickLoopOptions {
  periodNs: bigint;
  /** The tick's work. A promise makes the loop wait for it before scheduling the next. */
  /** `dueNs` is the deadline this tick was scheduled for; timers may fire slightly early or late. */
  onTick: (nowNs: bigint, dueNs: bigint) => void | Promise<void>;
}

export interface TickLoopStats {
  ticks: number;
  missed: number;
  /** Wall time from start() to stop(). */
  elapsedNs: bigint;
}

export class TickLoop {
  private readonly periodNs: bigint;
  private readonly onTick: TickLoopOptions['onTick'];
  private timer: NodeJS.Timeout | null = null;
  private startNs: bigint | null = null;
  private stopNs: bigint | null = null;
  private nextIndex = 1;
  private ticks = 0;
  private missed = 0;

  constructor(options: TickLoopOptions) {
    this.periodNs = options.periodNs;
    this.onTick = options.onTick;
  }

  get running(): boolean {
    return this.startNs !== null && this.stopNs === null;
  }

  start(startNs: bigint = process.hrtime.bigint()): void {
    this.startNs = startNs;
    this.schedule();
  }

  stop(): TickLoopStats {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const now = process.hrtime.bigint();
    this.stopNs ??= now;
    const startNs = this.startNs ?? this.stopNs;
    return {
      ticks: this.ticks,
      missed: this.missed,
      elapsedNs: this.stopNs - startNs,
    };
  }

  private schedule(): void {
    if (!this.running || this.startNs === null) return;
    const dueNs = this.startNs + BigInt(this.nextIndex) * this.periodNs;
    const delayMs = Number(dueNs - process.hrtime.bigint()) / 1e6;
    this.timer = setTimeout(() => this.fire(dueNs), Math.max(0, delayMs));
    // A sampler never keeps the host alive on its own.
    this.timer.unref();
  }

  private fire(dueNs: bigint): void {
    this.timer = null;
    if (!this.running) return;
    const nowNs = process.hrtime.bigint();
    if (nowNs < dueNs) {
      // Timers run on a millisecond clock and can fire a little before the deadline;
      // a tick taken early would be counted in a period that has not begun.
      this.timer = setTimeout(() => this.fire(dueNs), Math.ceil(Number(dueNs - nowNs) / 1e6));
      this.timer.unref();
      return;
    }
    const lateTicks = nowNs > dueNs ? (nowNs - dueNs) / this.periodNs : 0n;
    this.missed += Number(lateTicks);
    this.nextIndex += Number(lateTicks) + 1;
    this.ticks++;

    let work: void | Promise<void> = undefined;
    try {
      work = this.onTick(nowNs, dueNs + lateTicks * this.periodNs);
    } finally {
      // Scheduled even when the tick threw, so one bad tick does not end sampling.
      if (work instanceof Promise) void work.finally(() => this.schedule());
      else this.schedule();
    }
  }
}

/** Accumulates the CPU time (user + system, µs) of the work passed to measure(). */
export class CpuMeter {
  micros = 0;

  measure<T>(work: () => T): T {
    const before = process.cpuUsage();
    try {
      return work();
    } finally {
      const spent = process.cpuUsage(before);
      this.micros += spent.user + spent.system;
    }
  }
}
