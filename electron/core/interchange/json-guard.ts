/**
 * Reading JSON that came from outside (a `.dyno` file someone sent, an ONNX Runtime
 * profile from another machine): bounded in size and nesting before it is parsed, and
 * validated with messages that name the field, so a user can tell what is wrong.
 */
import type { z } from 'zod';
import { DynoError } from '../../shared/errors.js';

/**
 * The deepest a legitimate document nests is 7 (document → journal → record → op →
 * inputShapes → shape → number); 64 leaves room for growth and keeps zod's recursive
 * walk far from the stack limit that a 100,000-deep `[[[…]]]` would hit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * V8 cannot hold a string over ~512 MiB (2^29 − 24 characters), so larger JSON could
 * never be parsed; a one-hour 50 Hz journal is 100–200 MB.
 */
export const MAX_JSON_BYTES = 500 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * The deepest nesting of arrays and objects, counted on the UTF-8 bytes: the characters
 * that matter are ASCII and never occur inside a multi-byte sequence, so no decoding is
 * needed. Brackets inside strings do not count. Stops as soon as `limit` is passed.
 */
export function jsonDepth(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return deepest;
}

/**
 * Size and depth checks, JSON.parse, then no key that reaches a prototype; every failure
 * is `session-invalid` naming `what`.
 */
export function parseBoundedJson(bytes: Uint8Array, what: string): unknown {
  if (bytes.length > MAX_JSON_BYTES) {
    throw new DynoError('session-invalid', `${what} is ${mib(bytes.length)}; the limit is ${mib(MAX_JSON_BYTES)}.`);
  }
  if (jsonDepth(bytes, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new DynoError('session-invalid', `${what} nests deeper than ${MAX_JSON_DEPTH} levels; it is not valid.`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8')) as unknown;
  } catch (err) {
    throw new DynoError('session-invalid', `${what} is not JSON: ${(err as Error).message}`);
  }
  const path = mayHavePrototypeKey(buffer) ? prototypeKeyPath(value, []) : null;
  if (path) {
    throw new DynoError(
      'session-invalid',
      `${what} is refused: ${fieldPath(path)} is a key that could reach an object's prototype (${[...PROTOTYPE_KEYS].join(', ')} are never field names here).`,
    );
  }
  return value;
}

/**
 * Keys that reach an object's prototype when code copies or assigns by key. JSON.parse
 * makes `__proto__` an own key (no pollution yet), and zod's strict objects reject these
 * as unknown fields; but a record type (`settings.dims`, the sample columns) drops
 * `__proto__` silently and keeps `constructor` as a name, which later `obj[name]` lookups
 * confuse with Object.prototype's. None is a legitimate name anywhere in our documents.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * False when no key of the document can be one of them: such a key is written either
 * literally or with a `\u` escape (none of its letters has a shorter escape). Scanning
 * the bytes takes ~10 ms on a 50 MB document; walking the parsed one takes ~0.5 s,
 * most of it boxing each number of the sample columns.
 */
function mayHavePrototypeKey(buffer: Buffer): boolean {
  return buffer.includes('\\u') || [...PROTOTYPE_KEYS].some((key) => buffer.includes(key));
}

/** The path of the first such key, depth first, or null. Recursion is safe: the depth was bounded before parsing. */
function prototypeKeyPath(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const found = prototypeKeyPath(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (PROTOTYPE_KEYS.has(key)) return [...path, key];
    const found = prototypeKeyPath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** `journal[3].op.startMs`, `summary.latencyMs.p50`, or `[12].ts` for a top-level array. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** One line per issue (the first three), each naming the field and what is wrong with it. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${fieldPath([...issue.path, key])}: unknown field`).join('; ');
    }
    if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
      return `${fieldPath(issue.path)}: missing (expected ${issue.expected})`;
    }
    return `${fieldPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return lines.join('; ') + more;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
