/**
 * The app:// handler against a real folder on disk, with a secret beside it that no
 * request may reach. Request and Response are Node's own Fetch API classes, the ones
 * Electron's protocol.handle receives and returns in the main process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveUnder, serveAppRequest } from '../../../electron/hosts/desktop/app-request.js';
import { repoRoot, tempDir } from '../../helpers/paths.js';

let base: string;
let root: string;

beforeAll(() => {
  base = tempDir('app-request');
  root = join(base, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ModelDyno</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
  writeFileSync(join(base, 'dist-secret.txt'), 'a sibling whose name starts like the root');
});

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('serving the renderer on app://', () => {
  it.each([
    ['app://modeldyno/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://modeldyno/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://modeldyno/assets/index-abc.js', 'text/javascript; charset=utf-8', 'export const x'],
    ['app://modeldyno/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://modeldyno/index.html?x=1#top', 'text/html; charset=utf-8', '<!doctype html>'],
  ])('serves %s as %s', async (url, contentType, start) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(await response.text()).toMatch(new RegExp(`^${start}`));
  });

  it('sends the content security policy and nosniff with every response, refusals included', async () => {
    for (const url of [
      'app://modeldyno/index.html',
      'app://modeldyno/missing.js',
      'app://modeldyno/%2e%2e/secret.txt',
    ]) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it.each([
    'app://modeldyno/../secret.txt',
    'app://modeldyno/%2e%2e/secret.txt',
    'app://modeldyno/assets/%2E%2E/%2E%2E/secret.txt',
    'app://modeldyno/..%2fsecret.txt',
    'app://modeldyno/..%5csecret.txt',
    'app://modeldyno/%2e%2e%2fdist-secret.txt',
    'app://modeldyno/index.html%00.js',
    'app://modeldyno/%E0%A4%A',
  ])('never answers %s with a file from outside the renderer folder', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toMatch(/not for the page|a sibling/);
  });

  it('answers 404 for a missing file and for a folder, and 404 for another host', async () => {
    expect((await get('app://modeldyno/nothing.js')).status).toBe(404);
    expect((await get('app://modeldyno/assets')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD, and answers HEAD without a body', async () => {
    expect((await get('app://modeldyno/index.html', 'POST')).status).toBe(405);
    const head = await get('app://modeldyno/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolving a URL path under the renderer folder', () => {
  it('keeps paths inside the folder and rejects the folder itself and everything above it', () => {
    expect(resolveUnder('/srv/app', '/assets/a.js')).toBe(join('/srv/app', 'assets', 'a.js'));
    expect(resolveUnder('/srv/app', '/')).toBe(join('/srv/app', 'index.html'));
    expect(resolveUnder('/srv/app', '/..')).toBeNull();
    expect(resolveUnder('/srv/app', '/../app2/x')).toBeNull();
    expect(resolveUnder('/srv/app', '/%2e%2e')).toBeNull();
    // A file whose name merely starts with two dots is inside.
    expect(resolveUnder('/srv/app', '/..notes.txt')).toBe(join('/srv/app', '..notes.txt'));
  });
});

describe('the content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources] as const;
    }),
  );

  it('allows scripts from the app only, with neither eval nor inline script', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('refuses plugins, <base> rewriting, framing and network beyond the app', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('the real renderer build on app://', () => {
  // `npm test` builds renderer/dist before the tests run.
  const rendererDir = join(repoRoot, 'renderer', 'dist');

  it('serves index.html and every script and stylesheet it references, with no inline script the CSP would block', async () => {
    const index = await serveAppRequest(rendererDir, new Request('app://modeldyno/index.html'));
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const asset = await serveAppRequest(rendererDir, new Request(new URL(ref, 'app://modeldyno/index.html')));
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('content-type'), ref).toMatch(ref.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    }
  });
});
