/**
 * Every export format over the API, from a real profile of mlp.onnx: each file has the
 * name, MIME type and encoding a save dialog or a download needs, and content that the
 * tool it is meant for can read back.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectInMemory } from '../../../electron/core/api/in-memory.js';
import { createProfilerService, type ProfilerService } from '../../../electron/core/api/service.js';
import {
  EXPORT_FORMATS,
  type ExportedFile,
  type ExportFormat,
  type ProfilerApi,
} from '../../../electron/shared/api.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { modelPath, repoRoot, tempDir, testHome } from '../../helpers/paths.js';
import { recordEvents, type EventLog } from './recorder.js';

const SMALL = { runs: 5, warmup: 1, hz: 50 } as const;
/** Rendering the report and printing it in Chromium, on a busy 2-core machine. */
const PDF_TIMEOUT_MS = 60_000;

const bytesOf = (file: ExportedFile) => Buffer.from(file.content, file.encoding);

/** What each format's file must be, and a check that its content is what it says. */
const EXPECTED: Record<
  ExportFormat,
  {
    name: (id: string) => string;
    mimeType: string;
    encoding: 'utf8' | 'base64';
    check(file: ExportedFile, id: string): void;
  }
> = {
  json: {
    name: (id) => `${id}.json`,
    mimeType: 'application/json',
    encoding: 'utf8',
    check: (file, id) => expect((JSON.parse(file.content) as { sessionId: string }).sessionId).toBe(id),
  },
  html: {
    name: (id) => `${id}.html`,
    mimeType: 'text/html',
    encoding: 'utf8',
    check: (file, id) => {
      expect(file.content).toMatch(/^<!doctype html>/i);
      expect(file.content).toContain(id);
    },
  },
  pdf: {
    name: (id) => `${id}.pdf`,
    mimeType: 'application/pdf',
    encoding: 'base64',
    check: (file) => expect(bytesOf(file).subarray(0, 5).toString('latin1')).toBe('%PDF-'),
  },
  dyno: {
    name: (id) => `${id}.dyno`,
    mimeType: 'application/gzip',
    encoding: 'base64',
    check: (file) => {
      const parsed = JSON.parse(gunzipSync(bytesOf(file)).toString('utf8')) as { schemaVersion?: unknown };
      expect(parsed.schemaVersion).toBeDefined();
    },
  },
  'csv-samples': {
    name: (id) => `${id}-samples.csv`,
    mimeType: 'text/csv',
    encoding: 'utf8',
    check: (file) => {
      const [header, ...rows] = file.content.trim().split(/\r?\n/);
      expect(header?.split(',').length).toBeGreaterThan(2);
      // 50 Hz over a few hundred milliseconds at least: a handful of rows, each as wide as the header.
      expect(rows.length).toBeGreaterThan(3);
      expect(rows[0]?.split(',').length).toBe(header?.split(',').length);
    },
  },
  'csv-ops': {
    name: (id) => `${id}-ops.csv`,
    mimeType: 'text/csv',
    encoding: 'utf8',
    check: (file) => {
      const [header, ...rows] = file.content.trim().split(/\r?\n/);
      expect(header?.split(',').length).toBeGreaterThan(2);
      // mlp.onnx is Gemm and Relu layers: their rows name them.
      expect(rows.join('\n')).toMatch(/Gemm/);
    },
  },
  trace: {
    name: (id) => `${id}.trace.json`,
    mimeType: 'application/json',
    encoding: 'utf8',
    check: (file) => {
      const parsed = JSON.parse(file.content) as { traceEvents?: unknown } | unknown[];
      const events = Array.isArray(parsed) ? parsed : (parsed as { traceEvents?: unknown }).traceEvents;
      expect(Array.isArray(events)).toBe(true);
      expect((events as unknown[]).length).toBeGreaterThan(0);
    },
  },
};

async function failure(promise: Promise<unknown>): Promise<DynoError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DynoError);
  return err as DynoError;
}

describe('exporting sessions over the API', () => {
  const previousHome = process.env.MODELDYNO_HOME;
  let service: ProfilerService;
  let connection: ReturnType<typeof connectInMemory>;
  let api: ProfilerApi;
  let events: EventLog;
  let first: string;
  let second: string;

  beforeAll(async () => {
    // The machine profile tests/global-setup.ts calibrated; the user's home stays untouched.
    process.env.MODELDYNO_HOME = testHome;
    service = createProfilerService({
      hostKind: 'memory',
      roots: [`${repoRoot}models`],
      sessionsDir: tempDir('exports-sessions'),
    });
    connection = connectInMemory(service);
    api = connection.api;
    events = recordEvents(api);
    first = (await api.startProfile({ modelPath: modelPath('mlp.onnx'), settings: SMALL })).sessionId;
    await events.ended(first, 60_000);
    second = (await api.startProfile({ modelPath: modelPath('mlp.onnx'), settings: { ...SMALL, runs: 3 } })).sessionId;
    await events.ended(second, 60_000);
  }, 150_000);

  afterAll(async () => {
    events?.stop();
    connection?.close();
    await service?.dispose();
    if (previousHome === undefined) delete process.env.MODELDYNO_HOME;
    else process.env.MODELDYNO_HOME = previousHome;
  });

  it('has an expectation for every format the contract lists', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it.each(EXPORT_FORMATS.map((format) => [format]))(
    'exports %s with its file name, MIME type and encoding, and content that reads back',
    async (format) => {
      const expected = EXPECTED[format];
      const file = await api.exportSession(first, format);
      expect(file.fileName).toBe(expected.name(first));
      expect(file.mimeType).toBe(expected.mimeType);
      expect(file.encoding).toBe(expected.encoding);
      expected.check(file, first);
    },
    PDF_TIMEOUT_MS,
  );

  it('exports the compare report of two sessions as HTML naming both', async () => {
    const file = await api.exportComparison(first, second);
    expect(file.fileName).toBe(`compare-${first}-${second}.html`);
    expect(file.mimeType).toBe('text/html');
    expect(file.encoding).toBe('utf8');
    expect(file.content).toMatch(/^<!doctype html>/i);
    expect(file.content).toContain(first);
    expect(file.content).toContain(second);
  });

  it('refuses a session that does not exist with session-not-found', async () => {
    expect((await failure(api.exportSession('no-such-session', 'html'))).kind).toBe('session-not-found');
    expect((await failure(api.exportComparison(first, 'no-such-session'))).kind).toBe('session-not-found');
  });

  it('fails PDF with tool-missing when the named Chromium is absent, saying what to install', async () => {
    const previous = process.env.MODELDYNO_CHROMIUM;
    process.env.MODELDYNO_CHROMIUM = `${tempDir('exports-no-chromium')}/chromium`;
    try {
      const err = await failure(api.exportSession(first, 'pdf'));
      expect(err.kind).toBe('tool-missing');
      expect(err.message).toMatch(/apt-get install chromium/);
    } finally {
      if (previous === undefined) delete process.env.MODELDYNO_CHROMIUM;
      else process.env.MODELDYNO_CHROMIUM = previous;
    }
  });

  it('refuses a format outside the contract as a usage error', async () => {
    const err = await failure(api.exportSession(first, 'xlsx' as ExportFormat));
    expect(err.kind).toBe('usage');
  });

  it('refuses the report of a session still running as busy, and exports it once it ended', async () => {
    const { sessionId } = await api.startProfile({
      modelPath: modelPath('mlp.onnx'),
      settings: { durationS: 30, warmup: 0, hz: 10 },
    });
    try {
      await events.waitFor(
        (l) => l.progress.find((p) => p.sessionId === sessionId && p.done > 0),
        `measured progress of ${sessionId}`,
      );
      const err = await failure(api.exportSession(sessionId, 'dyno'));
      expect(err.kind).toBe('busy');
      expect(err.message).toMatch(/still running/);
    } finally {
      await api.cancelProfile(sessionId);
      await events.ended(sessionId, 60_000);
    }
    expect((await api.exportSession(sessionId, 'html')).content).toContain(sessionId);
  }, 120_000);
});
