/**
 * The inference worker never outlives its host: when the host dies (SIGKILL, so no
 * handler of its runs) the worker's IPC channel closes and it exits on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfileArgs } from '../../../electron/hosts/cli/args.js';
import { spawnCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const until = async <T>(probe: () => T | null, timeoutMs: number): Promise<T | null> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

function workerPid(sessions: string): number | null {
  if (!existsSync(sessions)) return null;
  for (const id of readdirSync(sessions)) {
    const journal = join(sessions, id, 'journal.ndjson');
    if (!existsSync(journal)) continue;
    const lines = readFileSync(journal, 'utf8').split('\n');
    // Wait for a run too: the worker is then past start-up and inside the run loop.
    if (!lines.some((line) => line.startsWith('{"type":"run"'))) continue;
    const record = lines.find((line) => line.startsWith('{"type":"worker"'));
    if (record) return (JSON.parse(record) as { pid: number | null }).pid;
  }
  return null;
}

/** Gone, or a zombie nobody has reaped yet (it runs no code either way). */
function processGone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('the inference worker', () => {
  it.skipIf(process.platform !== 'linux')(
    'exits when its host is killed mid-run',
    async () => {
      const dir = tempDir('orphan');
      const sessions = join(dir, 'sessions');
      const host = spawnCli([
        'profile',
        modelPath('mlp.onnx'),
        '--duration',
        '30',
        '--no-calibrate',
        '--no-op-profile',
        '--sessions',
        sessions,
      ]);
      const pid = await until(() => workerPid(sessions), 30_000);
      expect(pid).toBeTypeOf('number');
      expect(processGone(pid!)).toBe(false);

      host.kill('SIGKILL');
      const gone = await until(() => (processGone(pid!) ? true : null), 15_000);
      expect(gone).toBe(true);
    },
    60_000,
  );
});

describe('--memory-cap', () => {
  it.each([
    ['512M', 512 * 2 ** 20],
    ['1.5G', 1.5 * 2 ** 30],
    ['2GB', 2 * 2 ** 30],
    ['800MiB', 800 * 2 ** 20],
    ['4096', 4096],
  ])('reads %s as %i bytes', (text, bytes) => {
    expect(parseProfileArgs(['m.onnx', '--memory-cap', text]).settings.memoryCapBytes).toBe(bytes);
  });

  it.each(['', 'lots', '-1G', '0', '5X'])('refuses "%s" as a usage error', (text) => {
    expect(() => parseProfileArgs(['m.onnx', `--memory-cap=${text}`])).toThrow(/--memory-cap needs a size/);
  });

  it('defaults to no cap of its own (90 % of physical memory at run time)', () => {
    expect(parseProfileArgs(['m.onnx']).settings.memoryCapBytes).toBeNull();
  });
});
