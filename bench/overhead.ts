/**
 * Profiler overhead: median run latency under ModelDyno (sampler at each rate, op
 * profiling off) against a bare onnxruntime-node loop, in interleaved rounds so that
 * drift of a shared machine falls on all of them alike.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { profileModel } from '../electron/core/profiler.js';
import { percentile } from '../electron/core/recording/stats.js';
import { defaultSettings } from '../electron/shared/session.js';

const execFileAsync = promisify(execFile);

export interface OverheadResult {
  label: string;
  medianMs: number;
  runs: number;
  /** Median over rounds of this round's median ÷ the bare loop's median in the same round. */
  ratio: number;
  /** Interquartile range of the per-round ratios: how much the machine moved meanwhile. */
  ratioP25: number;
  ratioP75: number;
}

async function bareLoop(modelPath: string, runs: number, warmup: number, threads: number): Promise<number[]> {
  const script = fileURLToPath(new URL('./bare-loop.js', import.meta.url));
  const { stdout } = await execFileAsync(process.execPath, [
    script,
    modelPath,
    String(runs),
    String(warmup),
    String(threads),
  ]);
  return JSON.parse(stdout) as number[];
}

async function underModelDyno(
  modelPath: string,
  runs: number,
  warmup: number,
  hz: number,
  dir: string,
  threads: number,
): Promise<number[]> {
  const result = await profileModel({
    modelPath,
    sessionsDir: dir,
    settings: { ...defaultSettings, runs, warmup, hz, opProfile: false, intraOpThreads: threads },
  });
  if (result.status !== 'complete') throw new Error(`benchmark session ${result.status}: ${result.error?.message}`);
  return result.runs.filter((r) => !r.warmup).map((r) => r.durationMs);
}

/**
 * Ratios are paired per round (each side's median against the bare loop's median of the
 * same round, taken seconds apart), then the median over rounds is reported: on a shared
 * VM the latency of the same loop drifts by ±20 % over a minute, which pooled medians of
 * a few rounds turn into a false overhead or a false speed-up.
 */
export async function benchOverhead(
  modelPath: string,
  rates: number[],
  rounds: number,
  runs: number,
  /** ONNX Runtime intra-op threads on both sides; 0 = its default (one per core). */
  threads: number,
): Promise<OverheadResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-bench-'));
  const keys = ['bare', ...rates.map(String)];
  const pooled = new Map<string, number[]>(keys.map((key) => [key, []]));
  const ratios = new Map<string, number[]>(keys.map((key) => [key, []]));
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order each round so neither side always runs first.
      const order = round % 2 === 0 ? keys : [...keys].reverse();
      const medians = new Map<string, number>();
      for (const key of order) {
        const latencies =
          key === 'bare'
            ? await bareLoop(modelPath, runs, 3, threads)
            : await underModelDyno(modelPath, runs, 3, Number(key), dir, threads);
        pooled.get(key)!.push(...latencies);
        medians.set(key, median(latencies));
      }
      for (const key of keys) ratios.get(key)!.push(medians.get(key)! / medians.get('bare')!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return keys.map((key) => {
    const sorted = [...ratios.get(key)!].sort((a, b) => a - b);
    return {
      label: key === 'bare' ? 'bare onnxruntime-node' : `ModelDyno @ ${key} Hz`,
      medianMs: median(pooled.get(key)!),
      runs: pooled.get(key)!.length,
      ratio: percentile(sorted, 50),
      ratioP25: percentile(sorted, 25),
      ratioP75: percentile(sorted, 75),
    };
  });
}
