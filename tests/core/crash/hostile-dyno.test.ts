/**
 * `.dyno` files built to pollute prototypes, and the hostile shapes the table in
 * tests/core/interchange/dyno.test.ts does not cover yet (it has the gzip bomb, 100,000
 * levels of nesting, a JSON array, unknown/missing/mistyped summary fields and an
 * unknown record type). Payloads are raw JSON text: `JSON.stringify` of an object cannot
 * write an own `__proto__` key, while `JSON.parse` of the text creates one.
 */
import { readdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportDyno, importDyno, MAX_DYNO_BYTES } from '../../../electron/core/interchange/index.js';
import { DynoError } from '../../../electron/shared/errors.js';
import { tempDir } from '../../helpers/paths.js';
import { profileMlp } from '../interchange/sessions.js';

/** The exported text of a real MLP session; every case edits a copy of it. */
let text: string;

beforeAll(async () => {
  const mlp = await profileMlp();
  text = gunzipSync(exportDyno(mlp.root, mlp.result.sessionId)).toString('utf8');
  // The edits below rely on these spots of the text.
  expect(text.startsWith('{"format":"modeldyno-session",')).toBe(true);
  expect(text.match(/"settings":\{[^}]*"dims":\{\},/g)).toHaveLength(2);
}, 60_000);

const POLLUTE = '{"polluted":"yes","toString":"hijacked"}';

/** Inserts `payload` as the first member of the object opened by the first match of `at` (all matches if global). */
const insert = (at: string | RegExp, payload: string) => (source: string) =>
  source.replace(at, (open: string) => `${open}${payload},`);
/** Replaces an empty `"dims":{}` of both settings (summary and header) with `"dims":{payload}`. */
const dims = (payload: string) => (source: string) => source.replaceAll('"dims":{},', `"dims":{${payload}},`);

const PROTO_CASES: Array<{ name: string; edit: (source: string) => string; field: RegExp }> = [
  { name: '__proto__ at the top level', edit: insert('{', `"__proto__":${POLLUTE}`), field: /refused: __proto__ is/ },
  {
    name: 'constructor.prototype at the top level',
    edit: insert('{', `"constructor":{"prototype":${POLLUTE}}`),
    field: /refused: constructor is/,
  },
  {
    name: '__proto__ in the summary',
    edit: insert('"summary":{', `"__proto__":${POLLUTE}`),
    field: /summary\.__proto__ is/,
  },
  {
    name: '__proto__ in a journal record',
    edit: insert('"journal":[{', `"__proto__":${POLLUTE}`),
    field: /journal\[0\]\.__proto__ is/,
  },
  {
    name: 'prototype in a journal record',
    edit: insert('"journal":[{', `"prototype":${POLLUTE}`),
    field: /journal\[0\]\.prototype is/,
  },
  {
    name: '__proto__ as a dim name',
    edit: dims(`"__proto__":${POLLUTE}`),
    field: /summary\.settings\.dims\.__proto__ is/,
  },
  {
    name: '__proto__ as a dim of value 1',
    edit: dims('"__proto__":1'),
    field: /summary\.settings\.dims\.__proto__ is/,
  },
  {
    name: 'constructor as a dim name',
    edit: dims('"constructor":{"prototype":{"polluted":"yes"}}'),
    field: /summary\.settings\.dims\.constructor is/,
  },
  {
    name: 'constructor as a dim of value 1',
    edit: dims('"constructor":1'),
    field: /summary\.settings\.dims\.constructor is/,
  },
  {
    name: '__proto__ written with a JSON escape',
    edit: insert('"summary":{', `"__proto\\u005f_":${POLLUTE}`),
    field: /summary\.__proto__ is/,
  },
  {
    name: '__proto__ as a series of the sample columns',
    edit: insert('"values":{', '"__proto__":[]'),
    field: /samples\.values\.__proto__ is/,
  },
];

/** Object.prototype and Array.prototype as they are before any import. */
const pristine = () =>
  [Object.prototype, Array.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort().join(','));
const before = pristine();
afterEach(() => {
  expect(pristine()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(String({})).toBe('[object Object]');
});

function failureOf(bytes: Uint8Array): DynoError {
  const root = tempDir('crash-dyno');
  try {
    importDyno(bytes, root);
  } catch (err) {
    expect(readdirSync(root)).toEqual([]);
    if (err instanceof DynoError) return err;
    throw err;
  }
  throw new Error('the import was accepted');
}

describe('a .dyno file with a prototype-pollution payload', () => {
  it.each(PROTO_CASES)('is refused, naming the field, when it has $name', ({ edit, field }) => {
    const edited = edit(text);
    expect(edited).not.toBe(text);
    const err = failureOf(gzipSync(edited));
    expect(err.kind).toBe('session-invalid');
    expect(err.message).toMatch(field);
    expect(err.message).toMatch(/could reach an object's prototype/);
  });

  it('still imports the same session without the payload', () => {
    expect(importDyno(gzipSync(text), tempDir('crash-dyno'))).toMatch(/mlp/);
  });
});

/** Hostile shapes the interchange table lacks, each with the words its error must contain. */
const SHAPES: Array<{ name: string; bytes: () => Uint8Array; message: RegExp }> = [
  {
    name: 'a file over the size limit, refused before it is read',
    // Not zero-filled: the guard must not look at the contents, and the pages stay untouched.
    bytes: () => Buffer.allocUnsafe(MAX_DYNO_BYTES + 1),
    message: /is 256\.0 MiB; a \.dyno file is at most 256\.0 MiB/,
  },
  {
    name: 'nesting one level past the limit inside a valid document',
    bytes: () => gzipSync(insert('"summary":{', `"deep":${'['.repeat(63)}${']'.repeat(63)}`)(text)),
    message: /deeper than 64 levels/,
  },
  { name: 'a JSON null', bytes: () => gzipSync('null'), message: /not a JSON object/ },
  { name: 'a JSON string', bytes: () => gzipSync('"modeldyno-session"'), message: /not a JSON object/ },
  {
    name: 'a journal that is an object',
    bytes: () => gzipSync(text.replace(/"journal":\[.*\],"samples":/, '"journal":{},"samples":')),
    message: /journal: expected array, received object/,
  },
  {
    name: 'a sample column holding strings',
    bytes: () => gzipSync(text.replace(/("values":\{"[^"]+":\[)[^,\]]+/, '$1"1e9"')),
    message: /samples\.values\.[\w.]+\[0\]: expected number, received string/,
  },
  {
    name: 'a journal record with a mistyped field',
    bytes: () => gzipSync(text.replace(/"type":"worker","pid":\d+/, '"type":"worker","pid":"1; rm -rf /"')),
    message: /journal\[\d+\]\.pid: expected number, received string/,
  },
];

describe('a .dyno file of a hostile shape', () => {
  it.each(SHAPES)('is refused with a session-invalid error naming the problem: $name', ({ bytes, message }) => {
    const err = failureOf(bytes());
    expect(err.kind).toBe('session-invalid');
    expect(err.message).toMatch(message);
  });
});
