/**
 * The web host's file browser: models are opened by path on the serving machine, but
 * only inside the folders the host was started with. Paths are compared after
 * `realpath`, so neither `..` nor a symlink leads out of an allowed folder.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { DirEntry, DirListing } from '../../shared/api.js';
import { DynoError } from '../../shared/errors.js';

export class Roots {
  private readonly real: string[];

  /**
   * An empty list allows every path (the desktop app, where the user picks files natively).
   * `own` are folders of files ModelDyno wrote itself (compression variants): models there
   * may be opened, though the folders are not offered for browsing.
   */
  constructor(
    roots: readonly string[],
    private readonly own: readonly string[] = [],
  ) {
    this.real = roots.flatMap((root) => {
      try {
        return [realpathSync(resolve(root))];
      } catch {
        return []; // a root that does not exist allows nothing.
      }
    });
    this.restricted = roots.length > 0;
  }

  readonly restricted: boolean;

  get list(): string[] {
    return [...this.real];
  }

  /** The real path of `path` if it is inside an allowed folder; throws `forbidden` or `model-not-found`. */
  check(path: string, what: string): string {
    let real: string;
    try {
      real = realpathSync(resolve(path));
    } catch {
      throw new DynoError('model-not-found', `${what} ${path} does not exist. Check the path.`);
    }
    if (!this.restricted) return real;
    if (this.real.some((root) => inside(root, real))) return real;
    // Resolved now, not at start: the folder may have been made since.
    if (this.own.some((folder) => inside(realOrNull(folder) ?? '\0', real))) return real;
    throw new DynoError(
      'forbidden',
      `${path} is outside the folders this host serves (${this.real.join(', ') || 'none'}). Restart \`modeldyno serve\` with --root for its folder.`,
    );
  }

  isRoot(real: string): boolean {
    return this.real.includes(real);
  }
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(resolve(path));
  } catch {
    return null;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Folders and .onnx files of one folder, folders first; hidden entries are left out. */
export function browse(roots: Roots, path: string | null): DirListing {
  const start = path ?? roots.list[0];
  if (start === undefined) throw new DynoError('forbidden', 'This host allows no folders to browse.');
  const dir = roots.check(start, 'Folder');
  if (!statSync(dir).isDirectory()) throw new DynoError('usage', `${start} is not a folder.`);
  const entries: DirEntry[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) entries.push({ name: entry.name, path: full, kind: 'dir', sizeBytes: null });
      else if (stat.isFile() && entry.name.toLowerCase().endsWith('.onnx'))
        entries.push({ name: entry.name, path: full, kind: 'model', sizeBytes: stat.size });
    } catch {
      // A dangling link or an entry we may not stat is not listed.
    }
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  return {
    path: dir,
    parent: roots.restricted && roots.isRoot(dir) ? null : dirname(dir) === dir ? null : dirname(dir),
    entries,
  };
}
