/** A stand-in renderer build for the web host tests, beside files that no request may reach. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/paths.js';

export const SECRET = 'not for the browser';
export const ASSET = '/assets/index-AbCd1234.js';
export const ASSET_TEXT = 'console.log("renderer");\n';

/**
 * A build of two files. Its parent holds a secret file; the build holds a link to that
 * file and a link to the parent folder, so a request that follows links escapes.
 */
export function fakeBuild(): string {
  const parent = tempDir('web-build');
  writeFileSync(join(parent, 'secret.txt'), SECRET);
  const dist = join(parent, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>ModelDyno</title><div id="root"></div>');
  writeFileSync(join(dist, ASSET.slice(1)), ASSET_TEXT);
  symlinkSync(join(parent, 'secret.txt'), join(dist, 'link-out.txt'));
  symlinkSync(parent, join(dist, 'link-dir'));
  return dist;
}
