/**
 * What sampling costs: each rate runs for the same time, one after another in one
 * process, watching this process as the "worker" so the per-process files are read too.
 * cpuPctOfCore is the sampler's own account (SamplerStats.cpuPct: CPU time of the work
 * inside each tick, as % of one core). processCpuPctOfCore is the whole process's CPU
 * time over the run minus the same process idling for as long: it adds what the ticks
 * cost around them (timer wake-ups, GC, V8 background compilation) and is noisier.
 */
import { pathToFileURL } from 'node:url';
import { createSampler } from '../electron/core/sampling/index.js';

export interface SamplerBenchRow {
  hz: number;
  hzAchieved: number;
  cpuPctOfCore: number;
  processCpuPctOfCore: number;
  missed: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU time of this whole process over `work`, as % of one core. */
async function processCpuPct(work: () => Promise<void>): Promise<number> {
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  const wallMicros = Number(process.hrtime.bigint() - wallBefore) / 1e3;
  return ((cpu.user + cpu.system) / wallMicros) * 100;
}

export async function benchSampler(hzList: number[], seconds: number): Promise<SamplerBenchRow[]> {
  const rows: SamplerBenchRow[] = [];
  // Warm-up at every rate: V8 compiles the hot paths on background threads, which would
  // otherwise be billed to whichever rate runs first.
  for (const hz of hzList) await runOnce(hz, Math.min(1, seconds));
  const idlePct = await processCpuPct(() => sleep(seconds * 1000));
  for (const hz of hzList) {
    const run = await runOnce(hz, seconds);
    rows.push({ ...run, hz, processCpuPctOfCore: Math.max(0, run.processCpuPctOfCore - idlePct) });
  }
  return rows;
}

async function runOnce(hz: number, seconds: number): Promise<Omit<SamplerBenchRow, 'hz'>> {
  let samples = 0;
  const sampler = await createSampler({
    hz,
    originNs: process.hrtime.bigint(),
    onSample: () => {
      samples++;
    },
  });
  sampler.setPid(process.pid);
  let stats: Awaited<ReturnType<typeof sampler.stop>> | null = null;
  const processCpuPctOfCore = await processCpuPct(async () => {
    sampler.start();
    await sleep(seconds * 1000);
    stats = await sampler.stop();
  });
  if (stats === null || samples === 0) throw new Error(`The sampler took no samples at ${hz} Hz.`);
  const { hzAchieved, cpuPct, missed } = stats;
  return { hzAchieved, cpuPctOfCore: cpuPct, processCpuPctOfCore, missed };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const rows = await benchSampler([20, 50, 100], 5);
  console.table(
    rows.map((row) => ({
      hz: row.hz,
      hzAchieved: row.hzAchieved.toFixed(2),
      'cpu % of core (sampler)': row.cpuPctOfCore.toFixed(2),
      'cpu % of core (process)': row.processCpuPctOfCore.toFixed(2),
      missed: row.missed,
    })),
  );
}
