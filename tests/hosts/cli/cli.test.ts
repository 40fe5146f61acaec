import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../../electron/core/recording/store.js';
import { ProfileResult } from '../../../electron/shared/session.js';
import { runCli, spawnCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

describe('modeldyno profile', () => {
  it('prints one JSON object that matches the published schema', async () => {
    const sessions = tempDir('cli-json');
    const { code, stdout } = await runCli([
      'profile',
      modelPath('mlp.onnx'),
      '--runs',
      '4',
      '--warmup',
      '1',
      '--json',
      '--sessions',
      sessions,
    ]);
    expect(code).toBe(0);
    const parsed = ProfileResult.parse(JSON.parse(stdout));
    expect(parsed.status).toBe('complete');
    expect(parsed.runs.filter((r) => !r.warmup)).toHaveLength(4);
    expect(existsSync(join(sessions, parsed.sessionId, 'session.json'))).toBe(true);
  });

  it('prints a human summary with load, latency percentiles, memory, CPU, top ops and sampler figures', async () => {
    const sessions = tempDir('cli-human');
    const { code, stdout } = await runCli([
      'profile',
      modelPath('cnn.onnx'),
      '--runs',
      '3',
      '--dim',
      'height=32',
      '--dim',
      'width=32',
      '--sessions',
      sessions,
    ]);
    expect(code).toBe(0);
    for (const label of [
      'Load',
      'worker start',
      'Latency',
      'p99',
      'Throughput',
      'peak RSS',
      'CPU',
      'Top ops',
      'Sampler',
      'height=32',
    ]) {
      expect(stdout).toContain(label);
    }
  });

  it.each([
    { name: 'a truncated model', content: () => Buffer.from('\x08\x07\x12\x04abc'), fragment: /ONNX/ },
    { name: 'a text file', content: () => Buffer.from('this is a README, not a model\n'), fragment: /ONNX/ },
  ])('exits 3 with a one-line error for $name', async ({ content, fragment }) => {
    const dir = tempDir('cli-bad');
    const file = join(dir, 'bad.onnx');
    writeFileSync(file, content());
    const { code, stderr } = await runCli(['profile', file, '--sessions', join(dir, 's')]);
    expect(code).toBe(3);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(fragment);
  });

  it('exits 2 on a usage mistake and names the flag', async () => {
    const bad = await runCli(['profile', modelPath('mlp.onnx'), '--runs', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--runs/);
    const unknown = await runCli(['profile', modelPath('mlp.onnx'), '--bogus']);
    expect(unknown.code).toBe(2);
    const dim = await runCli(['profile', modelPath('mlp.onnx'), '--dim', 'nosuch=3', '--sessions', tempDir('cli-dim')]);
    expect(dim.code).toBe(2);
    expect(dim.stderr).toMatch(/nosuch/);
  });

  it('leaves an incomplete session with its samples when the host itself is killed mid-run', async () => {
    const sessions = tempDir('cli-host-kill');
    const child = spawnCli([
      'profile',
      modelPath('mlp.onnx'),
      '--runs',
      '100000',
      '--hz',
      '50',
      '--sessions',
      sessions,
    ]);
    const { readdirSync, readFileSync } = await import('node:fs');
    const journalOf = () => {
      const [id] = existsSync(sessions) ? readdirSync(sessions) : [];
      // The session folder is made a moment before its journal: until then there is nothing to read.
      const path = id ? join(sessions, id, 'journal.ndjson') : '';
      return id && existsSync(path) ? { id, text: readFileSync(path, 'utf8') } : null;
    };
    // Wait (bounded) until measured runs and samples are in the journal, then kill the host.
    for (let i = 0; i < 600; i++) {
      const journal = journalOf();
      if (journal && (journal.text.match(/"warmup":false/g) ?? []).length >= 5 && journal.text.includes('"sample"'))
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const journal = journalOf()!;
    const { result } = loadSession(sessions, journal.id);
    expect(result.status).toBe('incomplete');
    expect(result.runs.filter((r) => !r.warmup).length).toBeGreaterThanOrEqual(5);
    expect(result.sampler.samples).toBeGreaterThan(0);
    // The worker notices its host is gone and exits instead of running on as an orphan.
    const workerPid = (
      JSON.parse(journal.text.split('\n').find((l) => l.includes('"type":"worker"'))!) as { pid: number }
    ).pid;
    let alive = true;
    for (let i = 0; i < 200 && alive; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        process.kill(workerPid, 0);
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
    const listed = await runCli(['sessions', '--sessions', sessions, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ sessionId: journal.id, status: 'incomplete' }),
    ]);
  });
});

describe('modeldyno sessions and show', () => {
  it('lists sessions with their status and shows one by id', async () => {
    const sessions = tempDir('cli-list');
    const profiled = await runCli(['profile', modelPath('mlp.onnx'), '--runs', '2', '--json', '--sessions', sessions]);
    const id = (JSON.parse(profiled.stdout) as { sessionId: string }).sessionId;
    const list = await runCli(['sessions', '--sessions', sessions]);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+complete`));
    const shown = await runCli(['show', id, '--json', '--sessions', sessions]);
    expect(ProfileResult.parse(JSON.parse(shown.stdout)).sessionId).toBe(id);
    const missing = await runCli(['show', 'no-such-session', '--sessions', sessions]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No session/);
  });
});

describe('analysis in the CLI', () => {
  it('adds bottlenecks, segments, recommendations and the machine profile to --json', async () => {
    const sessions = tempDir('cli-analysis');
    const { code, stdout } = await runCli([
      'profile',
      modelPath('mlp.onnx'),
      '--runs',
      '5',
      '--json',
      '--sessions',
      sessions,
    ]);
    expect(code).toBe(0);
    const result = ProfileResult.parse(JSON.parse(stdout));
    expect(result.machineProfile?.gemm.length).toBeGreaterThan(0);
    expect(result.bottlenecks?.map((b) => b.phase)).toEqual(expect.arrayContaining(['read', 'create', 'runs']));
    expect(result.segments?.length).toBeGreaterThan(0);
    for (const rec of result.recommendations ?? []) {
      expect(rec.estimatedGainPct).toBeGreaterThan(0);
      expect(rec.assumption.length).toBeGreaterThan(0);
    }
    const human = await runCli(['show', result.sessionId, '--sessions', sessions]);
    expect(human.stdout).toContain('What holds it back');
  });

  it('projects a session onto catalogue hardware and this machine at other thread counts', async () => {
    const sessions = tempDir('cli-whatif');
    const profiled = await runCli(['profile', modelPath('mlp.onnx'), '--runs', '5', '--json', '--sessions', sessions]);
    const id = (JSON.parse(profiled.stdout) as { sessionId: string }).sessionId;
    const { code, stdout } = await runCli([
      'whatif',
      id,
      '--target',
      'threads:1,samsung-870-evo,nvidia-t4,disk:readMBps=900,id=slow-disk,name=Slow disk',
      '--json',
      '--sessions',
      sessions,
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      projections: Array<{ targetId: string; latencyP50Ms: number; assumptions: string[] }>;
    };
    expect(out.projections.map((p) => p.targetId)).toEqual([
      'this-machine-1-threads',
      'samsung-870-evo',
      'nvidia-t4',
      'slow-disk',
    ]);
    for (const p of out.projections) expect(p.assumptions.length).toBeGreaterThan(0);
    const unknown = await runCli(['whatif', id, '--target', 'nvidia-h1000', '--sessions', sessions]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/h100/);
  });
});
