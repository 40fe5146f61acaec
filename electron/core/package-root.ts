/** The installed package's root folder: from source (tsx) and from dist/ alike. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** Walks up from this file to the package.json named modeldyno. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'modeldyno')
      return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('modeldyno: cannot find the package root above ' + import.meta.url);
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * In a packaged desktop app the package root is inside `app.asar`; files listed in
 * electron-builder's asarUnpack (the models, ORT's binaries) live beside it in
 * `app.asar.unpacked`, and only there can ORT open them by path or `dd` evict them.
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
