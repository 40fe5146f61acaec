import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileModel } from '../../../electron/core/profiler.js';
import { defaultSettings } from '../../../electron/shared/session.js';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { writeModelFile } from '../../../models/builder/write-model.js';
import { tempDir } from '../../helpers/paths.js';

describe('a node name that breaks ONNX Runtime’s op profile', () => {
  it('keeps the session and its runs, and says why the per-op data is missing', async () => {
    const dir = tempDir('quoted-node');
    const g = new GraphBuilder('quoted', 7);
    const x = g.input('x', 'float32', [1, 16]);
    // ORT writes node names into its profile JSON unescaped: this quote makes the file invalid JSON.
    const y = g.scope('say "hi"', () => g.op('Relu', [x]));
    g.output(y, 'y', 'float32', [1, 16]);
    const path = join(dir, 'quoted.onnx');
    await writeModelFile(g, {}, path);
    const result = await profileModel({
      modelPath: path,
      sessionsDir: join(dir, 'sessions'),
      settings: { ...defaultSettings, runs: 3, warmup: 1 },
    });
    expect(result.status).toBe('complete');
    expect(result.error).toBeUndefined();
    expect(result.runs.filter((r) => !r.warmup)).toHaveLength(3);
    expect(result.ops).toEqual([]);
    expect(result.notes?.[0]).toMatch(/op profile could not be read.*node name with a quote/);
  });
});
