import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDyno, importDyno, importOrtProfile } from '../../../electron/core/interchange/index.js';
import { loadSession } from '../../../electron/core/recording/store.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { tempDir } from '../../helpers/paths.js';
import { profileMlp, type RealSession } from './sessions.js';

let mlp: RealSession;
beforeAll(async () => {
  mlp = await profileMlp();
}, 120_000);

describe('importing an ONNX Runtime profile', () => {
  it('builds a session with the same op types, op statistics and FLOPs as the session that wrote the profile', async () => {
    const root = tempDir('ort-import');
    const id = await importOrtProfile(join(mlp.root, mlp.result.sessionId, 'ort-profile.json'), root);
    const imported = loadSession(root, id).result;
    const original = mlp.result;
    expect(imported.status).toBe('complete');
    expect(imported.machine.cpuModel).toMatch(/imported from an ONNX Runtime profile/);
    // Every model_run counts as measured: the warm-up the original ran is one more run here.
    expect(imported.runs).toHaveLength(original.runs.length);
    expect(imported.phases.map((p) => p.name)).toEqual(['read', 'create', 'runs']);
    const byName = (ops: typeof original.ops) => new Map(ops.map((o) => [o.name, o]));
    const importedOps = byName(imported.ops);
    expect([...importedOps.keys()].sort()).toEqual(original.ops.map((o) => o.name).sort());
    for (const op of original.ops) {
      const mine = importedOps.get(op.name)!;
      expect(mine.opType).toBe(op.opType);
      expect(mine.provider).toBe(op.provider);
      expect(mine.count).toBe(op.count + original.settings.warmup);
    }
    const costs = (r: typeof original) => new Map((r.cost?.byOpType ?? []).map((c) => [c.opType, c.flops]));
    expect(costs(imported)).toEqual(costs(original));
    expect(costs(imported).get('Gemm')).toBeGreaterThan(0);
    expect(imported.model.opCounts).toEqual({ FusedGemm: 1, Gemm: 2, Gelu: 1 });
    expect(imported.settings.executionProvider).toBe('cpu');
  });

  it('makes a session that exports and imports like any other', async () => {
    const root = tempDir('ort-import');
    const id = await importOrtProfile(join(mlp.root, mlp.result.sessionId, 'ort-profile.json'), root);
    const bytes = exportDyno(root, id);
    const other = tempDir('ort-import');
    importDyno(bytes, other);
    expect(exportDyno(other, id).equals(bytes)).toBe(true);
  });

  const BROKEN: Array<{ name: string; content: string; message: RegExp }> = [
    { name: 'text that is not JSON', content: 'not json', message: /is not JSON/ },
    { name: 'a JSON object', content: '{"traceEvents":[]}', message: /expected a JSON array of events/ },
    {
      name: 'an event without ts',
      content: '[{"cat":"Session","name":"model_run","dur":5}]',
      message: /\[0\]\.ts: missing/,
    },
    {
      name: 'a kernel event without op_name',
      content:
        '[{"cat":"Session","name":"model_run","ts":0,"dur":9},{"cat":"Node","name":"a_kernel_time","ts":1,"dur":1,"args":{"provider":"CPUExecutionProvider"}}]',
      message: /\[1\]\.args\.op_name: a kernel event needs it/,
    },
    {
      name: 'a profile without runs',
      content: '[{"cat":"Session","name":"session_initialization","ts":0,"dur":9}]',
      message: /no model_run events/,
    },
    { name: 'deeply nested JSON', content: '['.repeat(5000) + ']'.repeat(5000), message: /deeper than 64/ },
  ];

  it.each(BROKEN)('refuses $name with a session-invalid error naming the problem', async ({ content, message }) => {
    const dir = tempDir('ort-bad');
    const path = join(dir, 'profile.json');
    writeFileSync(path, content);
    const err = await importOrtProfile(path, join(dir, 'sessions')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DynoError);
    expect((err as DynoError).kind).toBe('session-invalid');
    expect((err as DynoError).message).toMatch(message);
  });
});
