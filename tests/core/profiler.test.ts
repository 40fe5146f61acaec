import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkWorker, type WorkerHandle } from '../../electron/core/inference/worker-client.js';
import { profileModel } from '../../electron/core/profiler.js';
import { loadSession } from '../../electron/core/recording/store.js';
import { defaultSettings, ProfileResult, type ProfileSettings } from '../../electron/shared/session.js';
import { modelPath, repoRoot, tempDir } from '../helpers/paths.js';

const quick = (overrides: Partial<ProfileSettings> = {}): ProfileSettings => ({
  ...defaultSettings,
  runs: 5,
  warmup: 1,
  hz: 50,
  ...overrides,
});

/** The bundled models with settings that keep each run short on a 2-core machine. */
const MODELS: Array<{ file: string; dims: Record<string, number>; llm?: 'off' }> = [
  { file: 'mlp.onnx', dims: {} },
  { file: 'cnn.onnx', dims: { height: 64, width: 64 } },
  { file: 'embedding.onnx', dims: {} },
  // The decoder's generation profile is in llm.test.ts; here it runs as any model would.
  { file: 'decoder.onnx', dims: {}, llm: 'off' as const },
];

describe('profiling a model through the real worker', () => {
  it.each(MODELS)('records a complete, consistent session for $file', async ({ file, dims, llm }) => {
    const sessionsDir = tempDir('profile');
    const settings = quick({ dims, ...(llm ? { llm } : {}) });
    const result = await profileModel({ modelPath: modelPath(file), sessionsDir, settings });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('complete');
    expect(ProfileResult.safeParse(result).success).toBe(true);
    expect(result.phases.map((p) => p.name)).toEqual(['spawn', 'read', 'create', 'warmup', 'runs']);
    for (const [a, b] of result.phases.slice(0, -1).map((p, i) => [p, result.phases[i + 1]!] as const)) {
      expect(b.startMs).toBeGreaterThanOrEqual(a.startMs + a.durationMs);
    }
    expect(result.runs.filter((r) => !r.warmup)).toHaveLength(5);
    expect(result.latencyMs!.p50).toBeGreaterThan(0);
    expect(result.model.parameterCount).toBeGreaterThan(0);
    expect(result.peakRssBytes).toBeGreaterThan(result.model.sizeBytes);
    expect(result.series.map((s) => s.name)).toEqual(expect.arrayContaining(['cpu.total.busyPct', 'proc.rssBytes']));
    expect(result.ops.length).toBeGreaterThan(0);
    expect(result.ops.reduce((sum, op) => sum + op.pct, 0)).toBeCloseTo(100, 5);
    // The summary on disk is the one returned.
    expect(loadSession(sessionsDir, result.sessionId).result).toEqual(result);
  });

  it('places every op event inside the run it belongs to, on the session clock', async () => {
    const sessionsDir = tempDir('ops');
    const result = await profileModel({ modelPath: modelPath('mlp.onnx'), sessionsDir, settings: quick() });
    const journal = await readFile(join(sessionsDir, result.sessionId, 'journal.ndjson'), 'utf8');
    const ops = journal
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; op?: { run: number; startMs: number; durationMs: number } })
      .flatMap((r) => (r.type === 'op' && r.op ? [r.op] : []));
    expect(new Set(ops.map((o) => o.run)).size).toBe(result.runs.length);
    for (const op of ops) {
      const run = result.runs[op.run]!;
      expect(op.startMs).toBeGreaterThanOrEqual(run.startMs - 0.05);
      expect(op.startMs + op.durationMs).toBeLessThanOrEqual(run.startMs + run.durationMs + 0.05);
    }
    for (const run of result.runs) expect(run.ortMs).toBeLessThanOrEqual(run.durationMs);
  });

  it("marks a killed worker's session incomplete and keeps its samples and runs", async () => {
    const sessionsDir = tempDir('kill');
    let worker: WorkerHandle | undefined;
    const result = await profileModel(
      {
        modelPath: modelPath('mlp.onnx'),
        sessionsDir,
        settings: quick({ runs: 100_000 }),
        launcher: () => (worker = forkWorker()),
      },
      {
        onRecord: (record) => {
          if (record.type === 'run' && record.run.index === 8) process.kill(worker!.pid!, 'SIGKILL');
        },
      },
    );
    expect(result.status).toBe('incomplete');
    expect(result.error?.kind).toBe('worker-crashed');
    expect(result.error?.message).toMatch(/SIGKILL/);
    expect(result.runs.length).toBeGreaterThanOrEqual(9);
    expect(result.sampler.samples).toBeGreaterThan(0);
    expect(loadSession(sessionsDir, result.sessionId).result.status).toBe('incomplete');
  });

  it('stops a worker that exceeds the run timeout and says which limit it hit', async () => {
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('timeout'),
      settings: quick({ dims: { batch: 8192 }, runTimeoutMs: 1 }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe('worker-timeout');
    expect(result.error?.message).toMatch(/one inference run/);
  });

  it('finishes early and keeps the session when cancelled', async () => {
    const { startProfile } = await import('../../electron/core/profiler.js');
    const handle = await startProfile(
      { modelPath: modelPath('mlp.onnx'), sessionsDir: tempDir('cancel'), settings: quick({ runs: 100_000 }) },
      { onRecord: (r) => r.type === 'run' && r.run.index === 4 && handle.cancel() },
    );
    const result = await handle.done;
    expect(result.status).toBe('cancelled');
    expect(result.runs.length).toBeLessThan(1000);
    expect(result.latencyMs).not.toBeNull();
  });
});

/** Broken inputs and what each must produce: a failed session with a clear reason. */
const BROKEN: Array<{ name: string; make: (dir: string) => string; kind: string; message: RegExp }> = [
  { name: 'a missing file', make: (dir) => join(dir, 'nope.onnx'), kind: 'model-not-found', message: /No file at/ },
  { name: 'a folder', make: (dir) => dir, kind: 'model-not-found', message: /is a folder/ },
  {
    name: 'an empty file',
    make: (dir) => write(dir, 'empty.onnx', ''),
    kind: 'model-invalid',
    message: /not an ONNX model|empty/i,
  },
  {
    name: 'a text file',
    make: (dir) => write(dir, 'text.onnx', 'hello, I am not a model\n'.repeat(20)),
    kind: 'model-invalid',
    message: /ONNX/,
  },
  {
    name: 'a truncated model',
    make: (dir) => write(dir, 'cut.onnx', readFileSyncHead(modelPath('mlp.onnx'), 5000)),
    kind: 'model-invalid',
    message: /ONNX/,
  },
];

function write(dir: string, name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

function readFileSyncHead(path: string, bytes: number): Buffer {
  return readFileSync(path).subarray(0, bytes);
}

describe('broken models', () => {
  it.each(BROKEN)('records $name as a failed session with a clear reason', async ({ make, kind, message }) => {
    const dir = tempDir('broken');
    const result = await profileModel({ modelPath: make(dir), sessionsDir: join(dir, 'sessions'), settings: quick() });
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe(kind);
    expect(result.error?.message).toMatch(message);
    expect(result.runs).toHaveLength(0);
  });
});

describe('load measurements', () => {
  it('reads the model from storage after --cold evicts it, and from the page cache otherwise', async () => {
    // A fresh copy on the repository's own filesystem (tmpfs would never touch a disk).
    const dir = join(repoRoot, '.cache', 'cold-test');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `mlp-${process.pid}.onnx`);
    copyFileSync(modelPath('mlp.onnx'), file);
    const settings = quick({ runs: 1, warmup: 0, opProfile: false });
    const warm = await profileModel({ modelPath: file, sessionsDir: tempDir('warm'), settings });
    const cold = await profileModel({
      modelPath: file,
      sessionsDir: tempDir('cold'),
      settings: { ...settings, cold: true },
    });
    rmSync(file);
    const size = warm.model.sizeBytes;
    expect(warm.disk.loadReadBytes).toBeLessThan(size * 0.1);
    expect(cold.disk.loadReadBytes).toBeGreaterThanOrEqual(size * 0.9);
    expect(cold.disk.loadReadMBps).toBeGreaterThan(0);
  });
});

describe('execution providers', () => {
  it('refuses a provider this build lacks and says how to install it', async () => {
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('ep'),
      settings: quick({ executionProvider: 'cuda' }),
    });
    expect(result.status).toBe('failed');
    expect(result.error?.kind).toBe('provider-unavailable');
    expect(result.error?.message).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12/);
  });
});

describe('thread sweep', () => {
  it('measures each thread count after the runs and fits Amdahl to them', async () => {
    const result = await profileModel({
      modelPath: modelPath('mlp.onnx'),
      sessionsDir: tempDir('sweep'),
      settings: quick({ sweepThreads: [1, 2] }),
    });
    expect(result.status).toBe('complete');
    expect(result.threadSweep.map((p) => p.threads)).toEqual([1, 2]);
    for (const point of result.threadSweep) expect(point.p50Ms).toBeGreaterThan(0);
    expect(result.amdahl).not.toBeNull();
    expect(result.phases.map((p) => p.name)).toEqual(['spawn', 'read', 'create', 'warmup', 'runs', 'sweep']);
  });
});
