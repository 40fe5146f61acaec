/** Runs the real CLI from source in a child process, as a user would run `modeldyno`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CompressionView } from '../../electron/shared/compress.js';
import { repoRoot, testHome } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron/hosts/cli/index.ts'), ...args], {
    cwd: repoRoot,
    // One calibrated machine profile for the whole suite, not the user's ~/.modeldyno.
    env: { ...process.env, MODELDYNO_HOME: testHome, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * `modeldyno compress <model> --to <variants> --compare --json` with short profiles (one
 * warm-up, 20 Hz) and `flags` after them; the experiment's view, or an error with stderr.
 */
export async function compressCli(
  model: string,
  variants: string,
  flags: string[],
  sessions: string,
): Promise<CompressionView> {
  const args = ['compress', model, '--to', variants, '--compare', '--warmup', '1', '--hz', '20', ...flags];
  const { code, stdout, stderr } = await runCli([...args, '--json', '--sessions', sessions]);
  if (code !== 0) throw new Error(`modeldyno compress ${model} exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as CompressionView;
}
