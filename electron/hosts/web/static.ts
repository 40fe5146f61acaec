/** Serves the renderer build, and nothing outside it. */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { mimeType } from '../../core/mime-types.js';
import { PAGES, sendPage } from './respond.js';

export type Resolved = { kind: 'file'; path: string } | { kind: 'bad' } | { kind: 'missing' };

/**
 * Maps a URL path to a file under `root` (already real, absolute). Percent-decoding
 * happens once, here, and the result is checked after normalising and after following
 * links, so `..`, `%2e%2e%2f`, `\` and a symlink out of the build all stay inside.
 */
export function resolveStatic(root: string, pathname: string): Resolved {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad' }; // malformed percent-encoding
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = normalize(join(root, relative));
  if (!inside(root, candidate)) return { kind: 'missing' };
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { kind: 'missing' }; // no such file
  }
  if (!inside(root, real) || !statSync(real).isFile()) return { kind: 'missing' };
  return { kind: 'file', path: real };
}

const inside = (root: string, path: string) => path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Answers a GET or HEAD for a file of the build. index.html is never cached: it names
 * the hashed assets of the current build, and it is where the token cookie is set.
 */
export function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
  headers: Record<string, string>,
): void {
  const isIndex = pathname === '/' || pathname === '/index.html';
  if (isIndex && !existsSync(join(root, 'index.html'))) {
    sendPage(res, 503, ...PAGES.noRenderer, headers);
    return;
  }
  const resolved = resolveStatic(root, pathname);
  if (resolved.kind === 'bad') {
    sendPage(res, 400, ...PAGES.badPath, headers);
    return;
  }
  if (resolved.kind === 'missing') {
    sendPage(res, 404, ...PAGES.notFound, headers);
    return;
  }
  const hashedAsset = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.\w+$/.test(pathname);
  res.writeHead(200, {
    ...headers,
    'Content-Type': mimeType(resolved.path),
    'Content-Length': statSync(resolved.path).size,
    'Cache-Control': resolved.path.endsWith('index.html')
      ? 'no-store'
      : hashedAsset
        ? 'private, max-age=31536000, immutable'
        : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(resolved.path)
    .on('error', () => res.destroy()) // the file vanished mid-read (a rebuild): drop the connection
    .pipe(res);
}
