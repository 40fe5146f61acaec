import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDyno, importDyno, MAX_JSON_BYTES } from '../../../electron/core/interchange/index.js';
import { readSeriesFile } from '../../../electron/core/recording/series-file.js';
import { loadSession, loadSessionData } from '../../../electron/core/recording/store.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { tempDir } from '../../helpers/paths.js';
import { profileDecoder, profileMlp, type RealSession } from './sessions.js';

let mlp: RealSession;
let decoder: RealSession;
let document: Record<string, unknown>;

beforeAll(async () => {
  mlp = await profileMlp();
  decoder = await profileDecoder();
  const { gunzipSync } = await import('node:zlib');
  document = JSON.parse(gunzipSync(exportDyno(mlp.root, mlp.result.sessionId)).toString('utf8')) as Record<
    string,
    unknown
  >;
}, 120_000);

const gzipJson = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)));
const clone = () =>
  structuredClone(document) as { summary: Record<string, unknown>; journal: unknown[]; [k: string]: unknown };

function failureOf(bytes: Uint8Array): DynoError {
  try {
    importDyno(bytes, tempDir('dyno-bad'));
  } catch (err) {
    if (err instanceof DynoError) return err;
    throw err;
  }
  throw new Error('the import was accepted');
}

describe('.dyno session files', () => {
  it.each(['mlp', 'decoder'])('gives the same bytes on export → import → export of a real %s session', (which) => {
    const { root, result } = which === 'mlp' ? mlp : decoder;
    const id = result.sessionId;
    const first = exportDyno(root, id);
    const other = tempDir('dyno-import');
    expect(importDyno(first, other)).toBe(id);
    const second = exportDyno(other, id);
    expect(second.equals(first)).toBe(true);
    console.log(`${which}: journal ${statSync(join(root, id, 'journal.ndjson')).size} B → .dyno ${first.length} B`);
  });

  it('writes a session that opens like the original: summary, journal records and series.bin', () => {
    const id = decoder.result.sessionId;
    const other = tempDir('dyno-import');
    importDyno(exportDyno(decoder.root, id), other);
    expect(loadSession(other, id).result).toEqual(loadSession(decoder.root, id).result);
    const original = loadSessionData(decoder.root, id);
    const imported = loadSessionData(other, id);
    expect(imported.opEvents).toEqual(original.opEvents);
    expect(imported.requests).toEqual(original.requests);
    expect(imported.samples.map((s) => s.tMs)).toEqual(original.samples.map((s) => s.tMs));
    expect(Object.keys(imported.samples[3]!.values).sort()).toEqual(Object.keys(original.samples[3]!.values).sort());
    // series.bin is fresh: it matches the journal it was written beside, so it is used.
    expect(readSeriesFile(join(other, id))?.described().length).toBeGreaterThan(0);
    expect(readdirSync(other)).toEqual([id]);
  });

  it('writes gzip headers without a timestamp or the platform', () => {
    const bytes = exportDyno(mlp.root, mlp.result.sessionId);
    expect(bytes.readUInt32LE(4)).toBe(0);
    expect(bytes[9]).toBe(0xff);
  });

  it('refuses to import a session id that is already there, and leaves it as it was', () => {
    const id = mlp.result.sessionId;
    const before = readFileSync(join(mlp.root, id, 'session.json'));
    const err = (() => {
      try {
        importDyno(exportDyno(mlp.root, id), mlp.root);
      } catch (e) {
        return e as DynoError;
      }
      return null;
    })();
    expect(err?.kind).toBe('busy');
    expect(err?.message).toMatch(/already imported/);
    expect(readFileSync(join(mlp.root, id, 'session.json')).equals(before)).toBe(true);
  });
});

/** Hostile and broken files, each with the words its error must contain. */
const BROKEN: Array<{ name: string; bytes: () => Uint8Array; message: RegExp }> = [
  { name: 'a file that is not gzip', bytes: () => Buffer.from('{"format":"modeldyno-session"}'), message: /not gzip/ },
  {
    name: 'damaged gzip data',
    bytes: () => {
      const gz = gzipJson(document);
      return Buffer.concat([gz.subarray(0, 40), Buffer.alloc(40, 0xab)]);
    },
    message: /damaged/,
  },
  {
    name: 'a gzip bomb that inflates past the limit',
    // One member of 1 MiB of zeros is ~1 KiB; gzip members concatenate, so ~0.5 MiB of file inflates to 501 MiB.
    bytes: () => Buffer.concat(Array(MAX_JSON_BYTES / 2 ** 20 + 1).fill(gzipSync(Buffer.alloc(2 ** 20)))),
    message: /decompresses to more than 500\.0 MiB/,
  },
  { name: 'gzip of text that is not JSON', bytes: () => gzipSync('format: modeldyno-session'), message: /not JSON/ },
  {
    name: 'JSON nested 100,000 levels deep',
    bytes: () => gzipSync('['.repeat(100_000) + ']'.repeat(100_000)),
    message: /deeper than 64 levels/,
  },
  { name: 'a JSON array', bytes: () => gzipJson([1, 2]), message: /not a JSON object/ },
  {
    name: 'another format',
    bytes: () => gzipJson({ ...clone(), format: 'perfetto' }),
    message: /format: expected "modeldyno-session"/,
  },
  {
    name: 'a newer schemaVersion',
    bytes: () => gzipJson({ ...clone(), schemaVersion: 2 }),
    message: /schemaVersion: this ModelDyno reads version 1, the file has 2/,
  },
  {
    name: 'an unknown field in the summary',
    bytes: () => {
      const doc = clone();
      doc.summary.injected = '<script>';
      return gzipJson(doc);
    },
    message: /summary\.injected: unknown field/,
  },
  {
    name: 'a missing field in the summary',
    bytes: () => {
      const doc = clone();
      delete doc.summary.loadMs;
      return gzipJson(doc);
    },
    message: /summary\.loadMs: missing/,
  },
  {
    name: 'a field of the wrong type',
    bytes: () => {
      const doc = clone();
      (doc.summary.latencyMs as Record<string, unknown>).p50 = 'fast';
      return gzipJson(doc);
    },
    message: /summary\.latencyMs\.p50: expected number, received string/,
  },
  {
    name: 'a journal record of an unknown type',
    bytes: () => {
      const doc = clone();
      doc.journal.push({ type: 'exec', command: 'rm -rf /' });
      return gzipJson(doc);
    },
    message: /journal\[\d+\]\.type: Invalid discriminator value/,
  },
  {
    name: 'a session id that climbs out of the sessions folder',
    bytes: () => {
      const doc = clone();
      doc.summary.sessionId = '../../etc';
      (doc.journal[0] as Record<string, unknown>).sessionId = '../../etc';
      return gzipJson(doc);
    },
    message: /summary\.sessionId: "\.\.\/\.\.\/etc" must be/,
  },
  {
    name: 'a journal whose header names another session',
    bytes: () => {
      const doc = clone();
      (doc.journal[0] as Record<string, unknown>).sessionId = 'other';
      return gzipJson(doc);
    },
    message: /journal\[0\]\.sessionId: other differs from summary\.sessionId/,
  },
  {
    name: 'sample columns of unequal lengths',
    bytes: () => {
      const doc = clone();
      (doc.samples as { tMs: number[] }).tMs.pop();
      return gzipJson(doc);
    },
    message: /samples\.gaps: has \d+ entries, tMs has \d+/,
  },
];

describe('importing a broken or hostile .dyno file', () => {
  it.each(BROKEN)('refuses $name with a session-invalid error naming the problem', ({ bytes, message }) => {
    const err = failureOf(bytes());
    expect(err.kind).toBe('session-invalid');
    expect(err.message).toMatch(message);
  });

  it('writes nothing for a refused file', () => {
    const root = tempDir('dyno-bad');
    const doc = clone();
    doc.summary.sessionId = '../escape';
    expect(() => importDyno(gzipJson(doc), root)).toThrow(DynoError);
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(join(root, '..', 'escape'))).toBe(false);
  });
});
