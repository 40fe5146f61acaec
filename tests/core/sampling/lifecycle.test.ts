import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SamplerStats } from '../../../electron/shared/sample.js';
import { processesWithEnv } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(root, 'tests/fixtures/sampling/sample-then-stop.ts');

describe('a host process that used a sampler', () => {
  it('exits on its own after stop(), leaving no nvidia-smi child behind', async () => {
    // The token travels in the environment to every process the script starts, the
    // nvidia-smi replay included, so survivors can be found in /proc afterwards.
    const token = `MODELDYNO_SAMPLER_TEST=${randomUUID()}`;
    const [key, value] = token.split('=') as [string, string];
    const host = spawn(process.execPath, ['--import', 'tsx', script, '50'], {
      cwd: root,
      env: { ...process.env, [key]: value },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    host.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    host.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A host kept alive by a leaked handle would hang here until the test's own timeout.
    const [code] = (await once(host, 'exit')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const result = JSON.parse(stdout) as { stats: unknown; samples: number };
    const stats = SamplerStats.parse(result.stats);
    expect(stats.samples).toBe(result.samples);
    expect(stats.samples).toBeGreaterThan(0);
    expect(stats.gpu).toBe(true);
    expect(processesWithEnv(token)).toEqual([]);
  });
});
