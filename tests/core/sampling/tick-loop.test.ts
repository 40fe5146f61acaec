import { describe, expect, it } from 'vitest';
import { TickLoop } from '../../../electron/core/sampling/tick-loop.js';
import { sleep } from './helpers.js';

const PERIOD_NS = 10_000_000n;

function busyWait(ms: number): void {
  const until = process.hrtime.bigint() + BigInt(ms * 1e6);
  while (process.hrtime.bigint() < until) {
    // Blocks the event loop, as a synchronous ONNX Runtime call in the host would.
  }
}

describe('the deadline-based tick loop', () => {
  it('counts the ticks a blocked event loop made it miss, instead of firing them late', async () => {
    const tickTimes: bigint[] = [];
    const loop = new TickLoop({
      periodNs: PERIOD_NS,
      onTick: (nowNs) => {
        tickTimes.push(nowNs);
        if (tickTimes.length === 2) busyWait(100);
      },
    });
    loop.start();
    await sleep(300);
    const stats = loop.stop();
    expect(stats.missed).toBeGreaterThanOrEqual(8);
    expect(stats.ticks).toBe(tickTimes.length);
    // Skipped, not made up for: a catch-up burst would leave missed at 0.
    const periods = Number(stats.elapsedNs / PERIOD_NS);
    expect(stats.ticks + stats.missed).toBeLessThanOrEqual(periods);
  });

  it('keeps to start + k·period, so ticks taken and missed add up to the elapsed periods', async () => {
    const loop = new TickLoop({ periodNs: PERIOD_NS, onTick: () => busyWait(2) });
    loop.start();
    await sleep(500);
    const stats = loop.stop();
    const periods = Number(stats.elapsedNs / PERIOD_NS);
    expect(stats.ticks + stats.missed).toBeGreaterThanOrEqual(periods - 1);
    expect(stats.ticks + stats.missed).toBeLessThanOrEqual(periods);
  });

  it('does not tick after stop()', async () => {
    let ticks = 0;
    const loop = new TickLoop({ periodNs: PERIOD_NS, onTick: () => void ticks++ });
    loop.start();
    await sleep(50);
    const stats = loop.stop();
    await sleep(50);
    expect(ticks).toBe(stats.ticks);
  });
});
