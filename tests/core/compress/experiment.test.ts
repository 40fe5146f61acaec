/**
 * A whole experiment on real parts: variants written by the real writers, fidelity from
 * the real worker, every model profiled by the real profiler. One row per variant plus
 * the original; a failing step stays in its row; a cancelled experiment keeps what it did.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../../electron/core/compress/experiment.js';
import {
  compressionsRoot,
  EXPERIMENT_FILE,
  listExperiments,
  loadExperiment,
} from '../../../electron/core/compress/store.js';
import { compressionView } from '../../../electron/core/compress/view.js';
import { startProfile } from '../../../electron/core/profiler.js';
import { listSessions, loadSession } from '../../../electron/core/recording/store.js';
import type { CompressionExperiment } from '../../../electron/shared/compress.js';
import { parseSpecList } from '../../../electron/shared/compress.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { defaultSettings, type ProfileSettings } from '../../../electron/shared/session.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const SMALL: ProfileSettings = { ...defaultSettings, runs: 3, warmup: 1, hz: 20, opProfile: false };

function profiler(sessions: string, settingsFor: (path: string) => ProfileSettings = () => SMALL) {
  return async (path: string) =>
    (await startProfile({ modelPath: path, settings: settingsFor(path), sessionsDir: sessions })).done;
}

describe('a compression experiment of the bundled MLP', () => {
  const sessions = tempDir('compress-sessions');
  const root = compressionsRoot(sessions);
  let experiment: CompressionExperiment;
  const steps: string[] = [];

  beforeAll(async () => {
    experiment = await runExperiment({
      modelPath: modelPath('mlp.onnx'),
      specs: parseSpecList('int8,int4:32,fp16,prune:0.5'),
      settings: SMALL,
      root,
      profile: profiler(sessions),
      onProgress: (p) => steps.push(`${p.done}/${p.total} ${p.step}`),
    });
  }, 120_000);

  it('makes, checks and profiles every variant, and has one row per variant after the original', () => {
    expect(experiment.status).toBe('complete');
    const view = compressionView(experiment, (id) => loadSession(sessions, id).result);
    expect(view.rows.map((r) => r.text)).toEqual(['fp32', 'int8', 'int4:32', 'fp16', 'prune:0.5']);
    for (const row of view.rows) {
      expect(row.error, row.text).toBeNull();
      expect(row.latencyP50Ms, row.text).toBeGreaterThan(0);
      expect(row.peakRssBytes, row.text).toBeGreaterThan(0);
    }
    // Quantization follows fp32 closely; zeroing half of each weight visibly does not (0.88 here).
    const cosine = Object.fromEntries(view.rows.map((r) => [r.text, r.cosine!]));
    expect(cosine['int8']).toBeGreaterThan(0.999);
    expect(cosine['int4:32']).toBeGreaterThan(0.98);
    expect(cosine['fp16']).toBeGreaterThan(0.99999);
    expect(cosine['prune:0.5']).toBeGreaterThan(0.5);
    expect(cosine['prune:0.5']).toBeLessThan(cosine['int4:32']!);
    for (const variant of experiment.variants) {
      expect(existsSync(variant.build!.path)).toBe(true);
      expect(loadSession(sessions, variant.sessionId!).result.model.path).toBe(variant.build!.path);
    }
    // int8 and int4 shrink the file, pruning does not (but its gzip does).
    const bytes = Object.fromEntries(view.rows.map((r) => [r.text, r]));
    expect(bytes['int8']!.fileBytes!).toBeLessThan(experiment.fileBytes / 2);
    expect(bytes['int4:32']!.fileBytes!).toBeLessThan(bytes['int8']!.fileBytes!);
    expect(bytes['fp16']!.fileBytes!).toBeLessThan(experiment.fileBytes * 0.6);
    expect(bytes['prune:0.5']!.gzipBytes!).toBeLessThan(experiment.gzipBytes);
    // One finding per variant, and the drift of the original between its first and last profile.
    expect(view.findings).toHaveLength(5);
    expect(view.drift?.metric).toBe('latencyP50Ms');
    expect(view.drift!.first).toBe(view.rows[0]!.latencyP50Ms);
    expect(view.drift!.last).toBe(loadSession(sessions, experiment.baselineRepeatSessionId!).result.latencyMs!.p50);
    expect(view.findings[4]).toMatch(
      /^fp32 \(original\) profiled again after the variants: p50 .* first, .* last \(\d+ % apart\)/,
    );
    expect(view.findings[0]).toMatch(/^int8: file .* smaller\), p50 .*, cosine 0\.\d{4}/);
  });

  it('reported its steps in order and saved what it did where the sessions list does not look', () => {
    expect(steps[0]).toBe('0/14 build int8');
    expect(steps).toContain('8/14 profile fp32');
    expect(steps).toContain('13/14 profile fp32 again');
    expect(steps.at(-1)).toBe('14/14 complete');
    expect(loadExperiment(root, experiment.id)).toEqual(experiment);
    expect(listExperiments(root).map((e) => e.id)).toEqual([experiment.id]);
    // Six sessions (the original twice, four variants); the experiments folder is not one of them.
    expect(listSessions(sessions)).toHaveLength(6);
  });
});

describe('an experiment whose steps fail or stop', () => {
  it('keeps a failed profile in its variant row and goes on with the next', async () => {
    const sessions = tempDir('compress-fail');
    const failing = (path: string) => (path.includes('.int8.') ? { ...SMALL, runTimeoutMs: 1 } : SMALL);
    const experiment = await runExperiment({
      modelPath: modelPath('mlp.onnx'),
      specs: parseSpecList('int8,fp16'),
      settings: SMALL,
      root: compressionsRoot(sessions),
      profile: profiler(sessions, failing),
    });
    expect(experiment.status).toBe('complete');
    const [int8, fp16] = experiment.variants;
    expect(int8!.build).not.toBeNull();
    expect(int8!.fidelity).not.toBeNull();
    expect(int8!.error?.kind).toBe('worker-timeout');
    expect(fp16!.error).toBeNull();
    expect(fp16!.sessionId).not.toBeNull();
  }, 120_000);

  it('stops after the current step when cancelled, and keeps what it did', async () => {
    const sessions = tempDir('compress-cancel');
    let builds = 0;
    const experiment = await runExperiment({
      modelPath: modelPath('mlp.onnx'),
      specs: parseSpecList('int8,int4'),
      settings: SMALL,
      root: compressionsRoot(sessions),
      profile: profiler(sessions),
      onProgress: (p) => (builds += p.step.startsWith('fidelity') ? 1 : 0),
      cancelled: () => builds > 0,
    });
    expect(experiment.status).toBe('cancelled');
    expect(experiment.variants[0]!.build).not.toBeNull();
    expect(experiment.variants[1]!.build).toBeNull();
    expect(loadExperiment(compressionsRoot(sessions), experiment.id).status).toBe('cancelled');
  }, 60_000);

  it('refuses a file that is not a model before making anything', async () => {
    const dir = tempDir('compress-broken');
    const broken = join(dir, 'broken.onnx');
    writeFileSync(broken, Buffer.from('definitely not a protobuf model'));
    const root = compressionsRoot(join(dir, 'sessions'));
    const failure = await runExperiment({
      modelPath: broken,
      specs: parseSpecList('int8'),
      settings: SMALL,
      root,
      profile: null,
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DynoError);
    expect((failure as DynoError).kind).toBe('model-invalid');
    expect(existsSync(root)).toBe(false);
    const missing = await runExperiment({
      modelPath: join(dir, 'nope.onnx'),
      specs: parseSpecList('int8'),
      settings: SMALL,
      root,
      profile: null,
    }).catch((err: unknown) => err);
    expect((missing as DynoError).kind).toBe('model-not-found');
  });
});

describe('a stored experiment', () => {
  it('refuses a hostile or damaged experiment.json by name, and the list skips it', () => {
    const root = tempDir('compress-hostile');
    const write = (id: string, text: string) => {
      mkdirSync(join(root, id));
      writeFileSync(join(root, id, EXPERIMENT_FILE), text);
    };
    write('cut', '{"schemaVersion":1,"id":"cut"');
    write('shape', JSON.stringify({ schemaVersion: 1, id: 'shape', variants: '<script>' }));
    write('other', JSON.stringify({ schemaVersion: 2 }));
    for (const id of ['cut', 'shape', 'other']) {
      const err = (() => {
        try {
          loadExperiment(root, id);
        } catch (e) {
          return e;
        }
      })();
      expect(err, id).toBeInstanceOf(DynoError);
      expect((err as DynoError).kind).toBe('session-invalid');
      expect((err as DynoError).message).toContain(join(root, id, EXPERIMENT_FILE));
    }
    expect(() => loadExperiment(root, '../etc')).toThrow(/not an experiment id/);
    expect(() => loadExperiment(root, 'absent')).toThrow(DynoError);
    expect(listExperiments(root)).toEqual([]);
    expect(readdirSync(root)).toHaveLength(3);
  });
});
