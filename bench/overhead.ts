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
  ratio: number;
}

async function bareLoop(modelPath: string, runs: number, warmup: number): Promise<number[]> {
  const script = fileURLToPath(new URL('./bare-loop.js', import.meta.url));
  const { stdout } = await execFileAsync(process.execPath, [script, modelPath, String(runs), String(warmup), '0']);
  return JSON.parse(stdout) as number[];
}

async function underModelDyno(
  modelPath: string,
  runs: number,
  warmup: number,
  hz: number,
  dir: string,
): Promise<number[]> {
  const result = await profileModel({
    modelPath,
    sessionsDir: dir,
    settings: { ...defaultSettings, runs, warmup, hz, opProfile: false },
  });
  if (result.status !== 'complete') throw new Error(`benchmark session ${result.status}: ${result.error?.message}`);
  return result.runs.filter((r) => !r.warmup).map((r) => r.durationMs);
}

export async function benchOverhead(
  modelPath: string,
  rates: number[],
  rounds: number,
  runs: number,
): Promise<OverheadResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-bench-'));
  const samples = new Map<string, number[]>([['bare', []], ...rates.map((hz): [string, number[]] => [`${hz}`, []])]);
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order each round so neither side always runs first.
      const order = round % 2 === 0 ? ['bare', ...rates.map(String)] : [...rates.map(String)].reverse().concat('bare');
      for (const key of order) {
        const latencies =
          key === 'bare'
            ? await bareLoop(modelPath, runs, 3)
            : await underModelDyno(modelPath, runs, 3, Number(key), dir);
        samples.get(key)!.push(...latencies);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (key: string) =>
    percentile(
      [...samples.get(key)!].sort((a, b) => a - b),
      50,
    );
  const bare = median('bare');
  return [...samples.keys()].map((key) => ({
    label: key === 'bare' ? 'bare onnxruntime-node' : `ModelDyno @ ${key} Hz`,
    medianMs: median(key),
    runs: samples.get(key)!.length,
    ratio: median(key) / bare,
  }));
}
