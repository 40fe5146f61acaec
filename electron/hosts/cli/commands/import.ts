/**
 * `modeldyno import FILE`: a `.dyno` session file, or the profile JSON of any ONNX Runtime
 * application, becomes a session here (the latter with op-level analysis only).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importDyno, importOrtProfile } from '../../../core/interchange/index.js';
import { sessionsRoot } from '../../../core/recording/store.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';

const OPTIONS = { sessions: { type: 'string' } } as const;

/** Enough of the file to see what it is without reading a profile of hundreds of MB. */
const SNIFF_BYTES = 64 * 1024;

export type ImportKind = 'dyno' | 'ort-profile';

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const file = positionals[0];
  if (positionals.length !== 1 || file === undefined)
    throw new DynoError('usage', 'import takes one file: modeldyno import <file.dyno | ort-profile.json>');
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new DynoError('usage', `No file ${path}.`);
  const root = sessionsRoot(values.sessions);
  const kind = importKind(path);
  const id = kind === 'dyno' ? importDyno(readFileSync(path), root) : await importOrtProfile(path, root);
  const what = kind === 'dyno' ? 'session file' : 'ONNX Runtime profile';
  const sessionsFlag = values.sessions ? ` --sessions ${values.sessions}` : '';
  process.stdout.write(`Imported ${what} ${path} as session ${id}\nSee it with: modeldyno show ${id}${sessionsFlag}\n`);
  return 0;
}

/**
 * gzip magic (1f 8b) is a `.dyno` file; a JSON array of objects with `cat` and `ph` keys
 * is what ONNX Runtime's profiler writes. Anything else is refused with what was expected.
 */
export function importKind(path: string): ImportKind {
  const head = readHead(path);
  if (head[0] === 0x1f && head[1] === 0x8b) return 'dyno';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*\[\s*\{/.test(text) && /"cat"\s*:/.test(text) && /"ph"\s*:/.test(text)) return 'ort-profile';
  throw new DynoError(
    'usage',
    `${path} is neither a ModelDyno session file (.dyno, gzip) nor an ONNX Runtime profile ` +
      '(a JSON array of events with "cat" and "ph", as written by SessionOptions.enable_profiling).',
  );
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
