import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sample } from '../../../electron/shared/sample.js';

export const REPLAY_NVIDIA_SMI = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/nvidia-smi/replay.mjs',
);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A child node process running `code`, for the sampler to watch. */
export function spawnNode(code: string): ChildProcess {
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

export async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Pids of live processes whose environment holds `token` (this user's processes only). */
export function processesWithEnv(token: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'latin1').includes(token)) pids.push(Number(entry));
    } catch {
      // Another user's process, or one that exited while the directory was listed.
    }
  }
  return pids;
}

/** Values of one series across samples, in order, where present. */
export function seriesValues(samples: readonly Sample[], name: string): number[] {
  return samples.flatMap((sample) => (name in sample.values ? [sample.values[name] as number] : []));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
