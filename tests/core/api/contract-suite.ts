/**
 * One suite for the ProfilerApi contract, run against every transport: whatever carries
 * the messages (in memory, a WebSocket, Electron IPC), a renderer must see the same
 * answers, the same typed errors and the same events.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfilerApi } from '../../../electron/shared/api.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { compressionRecommendations } from '../../../electron/core/compress/recommend.js';
import { isInt8Estimate } from '../../../electron/core/analysis/recommend.js';
import { modelPath, repoRoot, tempDir, testHome } from '../../helpers/paths.js';
import { recordEvents, type EventLog } from './recorder.js';

export interface OpenedApi {
  api: ProfilerApi;
  /** What `hostInfo().kind` must say over this transport. */
  hostKind: 'desktop' | 'web' | 'memory';
  close(): void | Promise<void>;
}

/** Folders the suite owns: the service must store sessions in one and allow models from the others. */
export interface SuiteDirs {
  sessionsDir: string;
  roots: string[];
}

const SMALL = { runs: 5, warmup: 1, hz: 50 } as const;

/** A seeded byte stream (xorshift32): the broken model is the same file on every run. */
function seededBytes(count: number, seed: number): Buffer {
  const bytes = Buffer.alloc(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Expects `promise` to reject with a DynoError of `kind` whose message starts with the method name. */
async function expectFailure(promise: Promise<unknown>, kind: string, method: string): Promise<DynoError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DynoError);
  expect((err as DynoError).kind).toBe(kind);
  expect((err as DynoError).message.startsWith(`${method}: `)).toBe(true);
  return err as DynoError;
}

export function describeContract(name: string, open: (dirs: SuiteDirs) => Promise<OpenedApi>): void {
  describe(`the ProfilerApi contract over ${name}`, () => {
    const scratch = tempDir(`contract-${name}-models`);
    const dirs: SuiteDirs = {
      sessionsDir: tempDir(`contract-${name}-sessions`),
      roots: [join(repoRoot, 'models'), scratch],
    };
    const previousHome = process.env.MODELDYNO_HOME;
    let opened: OpenedApi;
    let api: ProfilerApi;
    let events: EventLog;
    let first: string;
    let second: string;

    beforeAll(async () => {
      // The machine profile calibrated once by tests/global-setup.ts lives there; the user's home stays untouched.
      process.env.MODELDYNO_HOME = testHome;
      opened = await open(dirs);
      api = opened.api;
      events = recordEvents(api);
      first = (await api.startProfile({ modelPath: modelPath('mlp.onnx'), settings: SMALL })).sessionId;
      await events.ended(first);
      second = (await api.startProfile({ modelPath: modelPath('mlp.onnx'), settings: { ...SMALL, runs: 3 } }))
        .sessionId;
      await events.ended(second);
    });

    afterAll(async () => {
      events?.stop();
      await opened?.close();
      if (previousHome === undefined) delete process.env.MODELDYNO_HOME;
      else process.env.MODELDYNO_HOME = previousHome;
    });

    it('says which host it is and which folders it allows', async () => {
      const info = await api.hostInfo();
      expect(info.kind).toBe(opened.hostKind);
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.canBrowse).toBe(true);
      expect(info.roots).toHaveLength(dirs.roots.length);
    });

    it('lists the bundled models as examples', async () => {
      const examples = await api.examples();
      const names = examples.map((e) => e.name);
      for (const bundled of ['mlp', 'cnn', 'embedding', 'decoder']) expect(names).toContain(bundled);
      const mlp = examples.find((e) => e.name === 'mlp')!;
      expect(mlp.path).toBe(modelPath('mlp.onnx'));
      expect(mlp.sizeBytes).toBeGreaterThan(0);
    });

    it("reads a model's inputs and op counts", async () => {
      const overview = await api.inspectModel(modelPath('mlp.onnx'));
      expect(overview.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: ['batch', 256] }]);
      expect(overview.opCounts).toMatchObject({ Gemm: 2, MatMul: 1, Relu: 1 });
      expect(overview.nodeCount).toBe(13);
    });

    it('refuses a missing model with model-not-found', async () => {
      await expectFailure(api.inspectModel(join(scratch, 'missing.onnx')), 'model-not-found', 'inspectModel');
    });

    it('refuses a file of random bytes with model-invalid', async () => {
      const broken = join(scratch, 'random.onnx');
      writeFileSync(broken, seededBytes(4096, 0x5eed));
      await expectFailure(api.inspectModel(broken), 'model-invalid', 'inspectModel');
    });

    it('refuses a call with invalid arguments as usage, naming the method', async () => {
      const inspect = api.inspectModel as unknown as (path: unknown) => Promise<unknown>;
      await expectFailure(inspect(42), 'usage', 'inspectModel');
      const query = api.querySeries as unknown as (query: unknown) => Promise<unknown>;
      await expectFailure(query({ sessionId: '../etc', maxPoints: 10 }), 'usage', 'querySeries');
    });

    it('lists a folder inside the roots and refuses one outside them', async () => {
      const listing = await api.browse(join(repoRoot, 'models'));
      expect(listing.entries.map((e) => e.name)).toContain('mlp.onnx');
      await expectFailure(api.browse(join(repoRoot, 'electron')), 'forbidden', 'browse');
    });

    it('streams session, phase, sample and progress events of a profile, ending complete', () => {
      const changes = events.changes.filter((c) => c.sessionId === first).map((c) => [c.change, c.status]);
      expect(changes[0]?.[0]).toBe('started');
      expect(changes.at(-1)).toEqual(['ended', 'complete']);
      const phases = events.phases.filter((p) => p.sessionId === first);
      expect(phases.some((p) => p.state === 'start')).toBe(true);
      expect(phases.some((p) => p.state === 'end' && p.span !== null)).toBe(true);
      expect(events.samples.filter((s) => s.sessionId === first).length).toBeGreaterThan(0);
      expect(events.progress.some((p) => p.task === 'profile' && p.sessionId === first)).toBe(true);
    });

    it("opens a finished session's summary and lists it", async () => {
      const result = await api.openSession(first);
      expect(result.sessionId).toBe(first);
      expect(result.status).toBe('complete');
      expect(result.runs.filter((r) => !r.warmup)).toHaveLength(SMALL.runs);
      const listed = await api.listSessions();
      expect(listed.map((s) => s.sessionId)).toEqual(expect.arrayContaining([first, second]));
      expect(listed.find((s) => s.sessionId === first)?.status).toBe('complete');
    });

    it('downsamples every series to at most maxPoints', async () => {
      const window = await api.querySeries({ sessionId: first, maxPoints: 10 });
      expect(window.series.length).toBeGreaterThan(0);
      for (const series of window.series) {
        expect(series.values.length).toBeLessThanOrEqual(10);
        expect(series.tMs).toHaveLength(series.values.length);
      }
    });

    it("returns the session's op events", async () => {
      const window = await api.queryOps({ sessionId: first, fromMs: -1e9, toMs: 1e12 });
      expect(window.ops.length).toBeGreaterThan(0);
      expect(window.ops.map((op) => op.opType)).toContain('Gemm');
    });

    it('analyses a session', async () => {
      const view = await api.analyse(first);
      expect(view.sessionId).toBe(first);
      expect(Array.isArray(view.bottlenecks)).toBe(true);
      expect(Array.isArray(view.recommendations)).toBe(true);
    });

    it('lists the hardware catalogue and projects a session onto one of its targets', async () => {
      const targets = await api.listTargets();
      expect(targets.length).toBeGreaterThanOrEqual(25);
      const target = targets.find((t) => t.kind === 'cpu')!;
      const report = await api.whatIf({ sessionId: first, targets: [target.id] });
      expect(report.sessionId).toBe(first);
      expect(report.projections).toHaveLength(1);
      expect(report.projections[0]?.targetId).toBe(target.id);
      expect(report.projections[0]?.latencyP50Ms).toBeGreaterThan(0);
    });

    it('compares two sessions metric by metric', async () => {
      const comparison = await api.compare(first, second);
      expect(comparison.a.sessionId).toBe(first);
      expect(comparison.b.sessionId).toBe(second);
      expect(comparison.rows.length).toBeGreaterThan(0);
      expect(comparison.rows.map((r) => r.metric)).toContain('latencyP50Ms');
    });

    it('exports a session as JSON that parses back to its summary', async () => {
      const file = await api.exportSession(first, 'json');
      expect(file.mimeType).toBe('application/json');
      expect((JSON.parse(file.content) as { sessionId: string }).sessionId).toBe(first);
    });

    it('deletes a session, after which opening it fails with session-not-found', async () => {
      await api.deleteSession(second);
      expect((await api.listSessions()).map((s) => s.sessionId)).not.toContain(second);
      await expectFailure(api.openSession(second), 'session-not-found', 'openSession');
      await events.waitFor((l) => l.changes.find((c) => c.sessionId === second && c.change === 'deleted'), 'deleted');
    });

    it('cancels a long run, which then ends as cancelled', async () => {
      const settings = { durationS: 30, warmup: 0, hz: 10 };
      const { sessionId } = await api.startProfile({ modelPath: modelPath('mlp.onnx'), settings });
      await events.waitFor(
        (l) => l.progress.find((p) => p.sessionId === sessionId && p.done > 0),
        `measured progress of ${sessionId}`,
      );
      await api.cancelProfile(sessionId);
      // Well inside the 30 s the run would take if cancelling did nothing.
      const ended = await events.ended(sessionId, 15_000);
      expect(ended.status).toBe('cancelled');
      expect((await api.openSession(sessionId)).status).toBe('cancelled');
    });

    it('runs a compression experiment with progress events, one row per variant, and refuses profiles meanwhile', async () => {
      const { experimentId } = await api.startCompression({
        modelPath: modelPath('mlp.onnx'),
        variants: ['int8', 'int4:32'],
        settings: { ...SMALL, runs: 3, opProfile: false },
        profile: true,
      });
      await expectFailure(
        api.startProfile({ modelPath: modelPath('mlp.onnx'), settings: SMALL }),
        'busy',
        'startProfile',
      );
      await expectFailure(
        api.startCompression({ modelPath: modelPath('mlp.onnx'), variants: ['fp16'], settings: {}, profile: false }),
        'busy',
        'startCompression',
      );
      await expectFailure(api.deleteCompression(experimentId), 'busy', 'deleteCompression');
      const last = await events.waitFor(
        (l) => l.progress.find((p) => p.experimentId === experimentId && p.step === 'complete'),
        `the end of ${experimentId}`,
        90_000,
      );
      expect(last).toMatchObject({ task: 'compress', done: 8, total: 8 });
      const steps = events.progress.filter((p) => p.experimentId === experimentId).map((p) => p.step);
      expect(steps.slice(0, 3)).toEqual(['build int8', 'fidelity int8', 'build int4:32']);
      // Each profile step is said twice: when it begins, and with its session once that exists.
      const profiles = events.progress.filter((p) => p.experimentId === experimentId && p.step.startsWith('profile'));
      expect(profiles.map((p) => [p.step, p.sessionId === null])).toEqual(
        ['profile fp32', 'profile int8', 'profile int4:32', 'profile fp32 again'].flatMap((step) => [
          [step, true],
          [step, false],
        ]),
      );
      const view = await api.openCompression(experimentId);
      expect(view.rows.map((r) => r.text)).toEqual(['fp32', 'int8', 'int4:32']);
      for (const row of view.rows) expect(row.latencyP50Ms, row.text).toBeGreaterThan(0);
      // Each profile was a session like any other: listed, openable, ended by an event.
      const ids = view.rows.map((r) => r.sessionId!);
      expect(profiles.filter((p) => p.sessionId !== null).map((p) => p.sessionId)).toEqual([
        ...ids,
        view.experiment.baselineRepeatSessionId,
      ]);
      const listed = (await api.listSessions()).map((s) => s.sessionId);
      for (const id of ids) expect(listed).toContain(id);
      expect((await api.listCompressions()).map((e) => e.id)).toContain(experimentId);
      // A variant's model opens like any model, though it lies outside the host's roots.
      const variant = view.experiment.variants[0]!.build!;
      expect((await api.inspectModel(variant.path)).sizeBytes).toBe(variant.fileBytes);
      // The original's analysis carries the experiment's measured verdicts, ahead of the projected ones.
      const analysis = await api.analyse(view.experiment.baselineSessionId!);
      const measured = view.recommendations.map((r) => r.title);
      expect(view.recommendations).toEqual(compressionRecommendations(view, analysis.bottlenecks));
      expect(analysis.recommendations.slice(0, measured.length).map((r) => r.title)).toEqual(measured);
      const report = await api.exportCompression(experimentId);
      expect(report).toMatchObject({ mimeType: 'text/html', encoding: 'utf8', fileName: `${experimentId}.html` });
    }, 120_000);

    it("replaces the original's int8 estimate with the measured int8 in its analysis", async () => {
      // The embedding model's Gather is memory-bound: the analysis estimates what int8 weights would save.
      const { experimentId } = await api.startCompression({
        modelPath: modelPath('embedding.onnx'),
        variants: ['int8'],
        settings: { ...SMALL, runs: 3, opProfile: true },
        profile: true,
      });
      await events.waitFor(
        (l) => l.progress.find((p) => p.experimentId === experimentId && p.step === 'complete'),
        `the end of ${experimentId}`,
        90_000,
      );
      const baseline = (await api.openCompression(experimentId)).experiment.baselineSessionId!;
      const stored = (await api.openSession(baseline)).recommendations ?? [];
      expect(stored.filter(isInt8Estimate)).not.toEqual([]);
      expect((await api.analyse(baseline)).recommendations.filter(isInt8Estimate)).toEqual([]);

      // Deleting it takes its variant files; its sessions stay, the original's analysis loses the measured verdicts.
      const { experiment } = await api.openCompression(experimentId);
      await api.deleteCompression(experimentId);
      expect(existsSync(experiment.variants[0]!.build!.path)).toBe(false);
      expect((await api.listCompressions()).map((e) => e.id)).not.toContain(experimentId);
      await expectFailure(api.openCompression(experimentId), 'session-not-found', 'openCompression');
      expect((await api.openSession(baseline)).sessionId).toBe(baseline);
      expect((await api.analyse(baseline)).recommendations.some((r) => r.source === 'measured')).toBe(false);
      await expectFailure(api.deleteCompression(experimentId), 'session-not-found', 'deleteCompression');
    }, 120_000);

    it('refuses compression of a broken model, an unknown variant and an unknown experiment by name', async () => {
      const broken = join(scratch, 'broken-for-compress.onnx');
      writeFileSync(broken, seededBytes(4096, 11));
      await expectFailure(
        api.startCompression({ modelPath: broken, variants: ['int8'], settings: {}, profile: false }),
        'model-invalid',
        'startCompression',
      );
      const unknown = await expectFailure(
        api.startCompression({ modelPath: modelPath('mlp.onnx'), variants: ['int9'], settings: {}, profile: false }),
        'usage',
        'startCompression',
      );
      expect(unknown.message).toContain("unknown variant 'int9'");
      await expectFailure(api.openCompression('compress-none'), 'session-not-found', 'openCompression');
      // The experiments' folder sits among the sessions but is none of them: deleteSession cannot take it.
      const experiments = (await api.listCompressions()).length;
      expect(experiments).toBeGreaterThan(0);
      await expectFailure(api.deleteSession('.compressions'), 'session-invalid', 'deleteSession');
      expect(await api.listCompressions()).toHaveLength(experiments);
      await expectFailure(api.cancelCompression('compress-none'), 'session-not-found', 'cancelCompression');
    });
  });
}
