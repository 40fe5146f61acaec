/**
 * The web host listens on a socket that any page in the user's browser, and any process
 * on the machine, can reach: these tests try what such a page or process would.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/server.js';
import { spawnCli } from '../../helpers/cli.js';
import { repoRoot, tempDir } from '../../helpers/paths.js';
import { ASSET, ASSET_TEXT, fakeBuild, SECRET } from './build.js';
import { get, openSocket, originOf } from './client.js';

let host: WebHost;
let cookie: string;

beforeAll(async () => {
  host = await startWebHost({ rendererDir: fakeBuild(), sessionsDir: tempDir('web-sessions') });
  const page = await get(host.port, `/?token=${host.token}`);
  cookie = String(page.headers['set-cookie']?.[0]).split(';')[0]!;
});

afterAll(async () => {
  await host?.close();
});

describe('the web host over HTTP', () => {
  it('binds 127.0.0.1 by default and prints a URL with a 32-byte token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toContain(`:${host.port}/`);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      const reached = await new Promise<string>((resolve) => {
        const socket = connect(host.port, external.address);
        socket
          .on('connect', () => resolve('connected'))
          .on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(reached).toBe('ECONNREFUSED');
    }
  });

  it.each([
    ['the page without a token', '/', {}],
    ['the page with a wrong token', '/?token=wrong', {}],
    ['an asset without a token', ASSET, {}],
    ['an asset with a wrong cookie', ASSET, { Cookie: `modeldyno-token-PORT=${'x'.repeat(43)}` }],
    ['a missing file without a token', '/nothing.js', {}],
  ])('refuses %s with 401 and says which URL to open', async (_what, path, headers: Record<string, string>) => {
    const fixed = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(host.port))]),
    );
    const answer = await get(host.port, path, fixed);
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('modeldyno serve');
    expect(answer.body).not.toContain(ASSET_TEXT);
  });

  it('serves the page for the right token with an HttpOnly SameSite=Strict cookie, then assets by that cookie', async () => {
    const page = await get(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    const setCookie = String(page.headers['set-cookie']?.[0]);
    expect(setCookie).toContain(`modeldyno-token-${host.port}=${host.token}`);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(attribute);
    const asset = await get(host.port, ASSET, { Cookie: `other=1; ${cookie}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe(ASSET_TEXT);
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('answers 404 for a file that is not in the build, even with the token', async () => {
    expect((await get(host.port, '/nothing.js', { Cookie: cookie })).status).toBe(404);
  });

  it.each([['evil.example:PORT'], ['127.0.0.1:1'], ['evil.example'], ['127.0.0.1.nip.io:PORT']])(
    'refuses the Host header %s with 403 even with the token (DNS rebinding)',
    async (hostHeader) => {
      const answer = await get(host.port, `/?token=${host.token}`, {
        Host: hostHeader.replace('PORT', String(host.port)),
      });
      expect(answer.status).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
    },
  );

  it.each([['localhost:PORT'], ['[::1]:PORT']])('accepts the loopback name %s', async (hostHeader) => {
    const answer = await get(host.port, ASSET, { Host: hostHeader.replace('PORT', String(host.port)), Cookie: cookie });
    expect(answer.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5c..%5cpackage.json',
    '/../../../../../../../../etc/passwd',
    '/link-out.txt',
    '/link-dir/secret.txt',
    '/link-dir/dist/link-out.txt',
    '/secret.txt%00.js',
    '/%00',
    '/%E0%A4%A',
    '/assets',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/assets/%252e%252e%252f%252e%252e%252fsecret.txt',
    '/.%2e/secret.txt',
    '/%2e./secret.txt',
    '/..%c0%afsecret.txt',
    '/..%u2216secret.txt',
    '//etc/passwd',
    '///etc/passwd',
    '/%2fetc%2fpasswd',
    '/%2f%2fetc%2fpasswd',
    '/%5cetc%5cpasswd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/file:///etc/passwd',
    'http://127.0.0.1/../secret.txt',
  ])('does not serve %s from outside the build', async (path) => {
    const answer = await get(host.port, path, { Cookie: cookie });
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain('root:');
  });

  it.each([
    ['a page', () => `/?token=${host.token}`, 200],
    ['a refusal', () => '/', 401],
    ['a missing file', () => `/nothing?token=${host.token}`, 404],
  ])('sends a strict CSP and nosniff on %s', async (_what, path, status) => {
    const answer = await get(host.port, path());
    expect(answer.status).toBe(status);
    const csp = String(answer.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await get(host.port, '/', { Cookie: cookie }, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('asks for a renderer build when the build folder has no index.html', async () => {
    const empty = await startWebHost({ rendererDir: tempDir('web-empty'), sessionsDir: tempDir('web-sessions') });
    try {
      const answer = await get(empty.port, `/?token=${empty.token}`);
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('npm run build:renderer');
    } finally {
      await empty.close();
    }
  });
});

describe('the web host WebSocket', () => {
  const api = () => `ws://127.0.0.1:${host.port}/api`;
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'opened',
      (err: { status?: number }) => err.status,
    );

  it('opens for this origin with the cookie or the token query', async () => {
    const byCookie = await openSocket(api(), { Origin: originOf(host), Cookie: cookie });
    const byQuery = await openSocket(`${api()}?token=${host.token}`, { Origin: originOf(host) });
    byCookie.close();
    byQuery.close();
  });

  it('refuses a handshake without the token or with a wrong one (401)', async () => {
    expect(await refusal(openSocket(api(), { Origin: originOf(host) }))).toBe(401);
    expect(await refusal(openSocket(`${api()}?token=wrong`, { Origin: originOf(host) }))).toBe(401);
  });

  it('refuses a handshake from a foreign origin or none, even with the token (403)', async () => {
    const origins = ['http://evil.example', `http://localhost:${host.port}`, 'null'];
    for (const origin of origins)
      expect(await refusal(openSocket(api(), { Origin: origin, Cookie: cookie }))).toBe(403);
    expect(await refusal(openSocket(api(), { Cookie: cookie }))).toBe(403);
  });

  it('refuses a handshake through an unknown Host header (403)', async () => {
    const headers = { Origin: 'http://evil.example:80', Host: 'evil.example:80', Cookie: cookie };
    expect(await refusal(openSocket(api(), headers))).toBe(403);
  });

  it('closes a socket that sends something other than JSON with 1007, and stays up', async () => {
    const ws = await openSocket(api(), { Origin: originOf(host), Cookie: cookie });
    const code = new Promise<number>((resolve) => ws.on('close', (c: number) => resolve(c)));
    ws.send('{not json');
    expect(await code).toBe(1007);
    expect((await get(host.port, ASSET, { Cookie: cookie })).status).toBe(200);
  });
});

describe('modeldyno serve', () => {
  /** Starts the CLI, waits for its URL, stops it with SIGTERM and returns what it printed. */
  async function serveOnce(args: string[]): Promise<{ url: string; stderr: string; code: number | null }> {
    const child = spawnCli(['serve', '--port', '0', '--no-open', '--sessions', tempDir('serve-sessions'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /ModelDyno is serving at (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    child.kill('SIGTERM');
    const code = await closed;
    return { url, stderr, code };
  }

  it('serves on 127.0.0.1 without a warning and exits cleanly on SIGTERM', async () => {
    const run = await serveOnce(['--token', 'tok-en_1.2~3']);
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=tok-en_1\.2~3$/);
    expect(run.stderr).not.toContain('WARNING');
    expect(run.stderr).toContain(join(repoRoot, 'models'));
    expect(run.code).toBe(0);
  });

  it('warns on stderr that the token is the only protection when bound to 0.0.0.0', async () => {
    const run = await serveOnce(['--host', '0.0.0.0']);
    expect(run.stderr).toContain('WARNING: serving on 0.0.0.0');
    expect(run.stderr).toContain('the only protection');
    expect(run.code).toBe(0);
  });
});
