/**
 * Serves the renderer build on the app:// scheme. Pure Node (the Fetch API's Request and
 * Response are Node globals too), so the whole handler is tested without Electron;
 * protocol.ts only plugs it into `protocol.handle`.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { mimeType } from '../../core/mime-types.js';
import { APP_HOST } from './app-url.js';

/**
 * The renderer's Content-Security-Policy, sent with every response: scripts and styles
 * from the app only (inline styles: React and recharts set style attributes), images
 * also from data:/blob: (chart exports), no plugins, no <base> rewriting, no framing,
 * and no network beyond the app itself — the API travels over IPC, not fetch.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The file under `rootDir` a URL path names, or null when it would leave the folder
 * (`..`, encoded or not), is malformed, or holds a NUL. A path ending in `/` names its
 * index.html.
 */
export function resolveUnder(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(join(root, decoded.endsWith('/') ? `${decoded}index.html` : decoded));
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

const headers = (contentType: string) => ({
  'content-type': contentType,
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
});

const refuse = (status: number, text: string) =>
  new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

/** Answers one app:// request from the renderer build in `rootDir`. */
export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return refuse(404, 'Not found');
  const file = resolveUnder(rootDir, url.pathname);
  if (file === null) return refuse(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return refuse(404, 'Not found'); // missing, a folder, or unreadable: the same to the page
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: headers(mimeType(file)),
  });
}
