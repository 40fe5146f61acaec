/**
 * What a hostile page or process could send the web host besides a wrong token: requests
 * from other sites, bytes that are not HTTP, headers and frames too large, requests that
 * never end, and floods of calls. Each gets an error, and the host keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/server.js';
import { MAX_IN_FLIGHT_CALLS, MAX_PAYLOAD_BYTES } from '../../../electron/hosts/web/socket.js';
import { tempDir } from '../../helpers/paths.js';
import { ASSET, ASSET_TEXT, fakeBuild } from './build.js';
import { get, openSocket, originOf, rawExchange } from './client.js';

const EVIL = 'http://evil.example';
/** The 16-byte key of RFC 6455's example handshake: any valid key will do. */
const WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

let host: WebHost;
let cookie: string;

beforeAll(async () => {
  // A short headers timeout, so that the request that never ends is cut off within the test.
  host = await startWebHost({ rendererDir: fakeBuild(), sessionsDir: tempDir('web-abuse'), headersTimeoutMs: 500 });
  const page = await get(host.port, `/?token=${host.token}`);
  cookie = String(page.headers['set-cookie']?.[0]).split(';')[0]!;
});

afterAll(async () => {
  await host?.close();
});

/** A normal request of the renderer: after any abuse, it must still be served. */
async function expectStillServing(): Promise<void> {
  const answer = await get(host.port, ASSET, { Cookie: cookie });
  expect(answer.status).toBe(200);
  expect(answer.body).toBe(ASSET_TEXT);
}

/** A seeded byte stream (xorshift32), so the garbage is the same on every run. */
function seededBytes(count: number, seed: number): Buffer {
  const bytes = Buffer.alloc(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('the web host and other sites', () => {
  const own = () => originOf(host);
  const preflight = { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-anything' };
  const handshake = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Key': WS_KEY,
    'Sec-WebSocket-Version': '13',
  };

  it.each<[string, string, () => string, () => Record<string, string>, number]>([
    ['the page with the token', 'GET', () => `/?token=${host.token}`, () => ({}), 200],
    ['an asset by cookie from its own page', 'GET', () => ASSET, () => ({ Cookie: cookie, Origin: own() }), 200],
    ['a request without the token', 'GET', () => ASSET, () => ({}), 401],
    ['a missing file', 'GET', () => '/nothing.js', () => ({ Cookie: cookie }), 404],
    ['a malformed path', 'GET', () => '/%E0%A4%A', () => ({ Cookie: cookie }), 400],
    ['a POST', 'POST', () => '/', () => ({ Cookie: cookie }), 405],
    [
      'a preflight from its own page',
      'OPTIONS',
      () => ASSET,
      () => ({ Cookie: cookie, Origin: own(), ...preflight }),
      405,
    ],
    ['a preflight from another site', 'OPTIONS', () => ASSET, () => ({ Origin: EVIL, ...preflight }), 403],
    [
      'a preflight from another site with the cookie',
      'OPTIONS',
      () => '/',
      () => ({ Cookie: cookie, Origin: EVIL, ...preflight }),
      403,
    ],
    ['a fetch from another site with the token', 'GET', () => `/?token=${host.token}`, () => ({ Origin: EVIL }), 403],
    [
      'a fetch from a sandboxed page (Origin null)',
      'GET',
      () => ASSET,
      () => ({ Cookie: cookie, Origin: 'null' }),
      403,
    ],
    [
      'a fetch from another port of localhost',
      'GET',
      () => ASSET,
      () => ({ Cookie: cookie, Origin: 'http://localhost:1' }),
      403,
    ],
    ['a foreign Host header', 'GET', () => ASSET, () => ({ Cookie: cookie, Host: 'evil.example', Origin: EVIL }), 403],
    [
      'a WebSocket handshake from another site',
      'GET',
      () => '/api',
      () => ({ Cookie: cookie, Origin: EVIL, ...handshake }),
      403,
    ],
  ])('answers %s with its status and no CORS header', async (_what, method, path, headers, status) => {
    const answer = await get(host.port, path(), headers(), method);
    expect(answer.status).toBe(status);
    const cors = Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'));
    expect(cors).toEqual([]);
  });
});

describe('the web host and broken HTTP', () => {
  const header = (bytes: number) => `X-Filler: ${'a'.repeat(bytes)}\r\n`;
  const request = (lines: string) => () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${lines}\r\n`;

  it.each<[string, () => string | Buffer, RegExp]>([
    ['4 KB of random bytes', () => seededBytes(4096, 0xbad5eed), /^HTTP\/1\.1 400 /],
    ['a request line of text that is not HTTP', () => 'HELLO THERE\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['an unknown HTTP version', () => 'GET / HTTP/9.9\r\n\r\n', /^HTTP\/1\.1 (400|505) /],
    ['a header line without a colon', request('NoColonHere\r\n'), /^HTTP\/1\.1 400 /],
    ['a NUL inside a header', request('X-Nul: a\0b\r\n'), /^HTTP\/1\.1 400 /],
    [
      'Content-Length and chunked at once (request smuggling)',
      request('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n'),
      /^HTTP\/1\.1 400 /,
    ],
    ['a 100 KB header', request(header(100 * 1024)), /^HTTP\/1\.1 431 /],
    ['a thousand 100-byte headers', request(header(100).repeat(1000)), /^HTTP\/1\.1 431 /],
  ])('answers %s with an error and closes, then keeps serving', async (_what, bytes, status) => {
    const exchange = await rawExchange(host.port, bytes());
    expect(exchange.closed).toBe(true);
    expect(exchange.reply).toMatch(status);
    await expectStillServing();
  });

  it.each<[string, string, string]>([
    ['a request line that never ends', 'GET /', 'a'],
    ['headers that never end', `GET / HTTP/1.1\r\nHost: 127.0.0.1`, '\r\nX-More: a'],
    ['a connection that sends nothing', '', ''],
  ])(
    'closes %s once the headers timeout passes, then keeps serving',
    async (_what, start, trickle) => {
      // 500 ms here; the wait is generous so a loaded machine does not fail it.
      const exchange = await rawExchange(host.port, start, { trickle, trickleMs: 50, waitMs: 15_000 });
      expect(exchange.closed).toBe(true);
      if (start !== '') expect(exchange.reply).toMatch(/^HTTP\/1\.1 408 /);
      await expectStillServing();
    },
    30_000,
  );
});

describe('the web host and broken WebSocket frames', () => {
  const open = () => openSocket(`ws://127.0.0.1:${host.port}/api`, { Origin: originOf(host), Cookie: cookie });
  const closeCode = (ws: WebSocket) =>
    new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));

  /** One call over a fresh socket: the API still answers after the abuse. */
  async function expectApiAnswers(): Promise<void> {
    const ws = await open();
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: 1, method: 'hostInfo', args: [] }));
    expect(await reply).toMatchObject({ id: 1, ok: true, value: { kind: 'web' } });
    ws.close();
  }

  it.each<[string, (ws: WebSocket) => void, number]>([
    ['a message over 1 MiB', (ws) => ws.send('x'.repeat(MAX_PAYLOAD_BYTES + 1)), 1009],
    ['a binary frame', (ws) => ws.send(Buffer.from(JSON.stringify({ id: 1, method: 'hostInfo', args: [] }))), 1003],
    ['text that is not JSON', (ws) => ws.send('{"id": 1, "method": '), 1007],
    ['text that is not UTF-8', (ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }), 1007],
  ])('closes a socket that sends %s with its RFC 6455 code, and the host keeps serving', async (_what, abuse, code) => {
    const ws = await open();
    const closed = closeCode(ws);
    abuse(ws);
    expect(await closed).toBe(code);
    await expectApiAnswers();
    await expectStillServing();
  });

  it('ignores JSON that is no call and answers the next call on the same socket', async () => {
    const ws = await open();
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(String(data))));
    for (const junk of ['[]', 'null', '{"id":-1,"method":"hostInfo","args":[]}', '{"__proto__":{"polluted":1}}'])
      ws.send(junk);
    ws.send(JSON.stringify({ id: 7, method: 'hostInfo', args: [] }));
    await new Promise<void>((resolve) => ws.on('message', () => resolve()));
    expect(replies).toEqual([expect.objectContaining({ id: 7, ok: true })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    ws.close();
  });

  it('answers or refuses as busy each of 5,000 calls fired at once, then answers the next', async () => {
    const ws = await open();
    const count = 5000;
    const replies = new Map<number, { ok: boolean; error?: { kind: string; message: string } }>();
    const all = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const reply = JSON.parse(String(data)) as {
          id: number;
          ok: boolean;
          error?: { kind: string; message: string };
        };
        replies.set(reply.id, reply);
        if (replies.size === count) resolve();
      }),
    );
    for (let id = 0; id < count; id++) ws.send(JSON.stringify({ id, method: 'hostInfo', args: [] }));
    await all;
    const answered = [...replies.values()].filter((r) => r.ok).length;
    const refused = [...replies.values()].filter((r) => r.error?.kind === 'busy');
    expect(answered + refused.length).toBe(count);
    expect(answered).toBeGreaterThanOrEqual(MAX_IN_FLIGHT_CALLS);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error!.message).toContain('wait for their answers');
    const next = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(JSON.stringify({ id: count, method: 'hostInfo', args: [] }));
    expect(await next).toMatchObject({ id: count, ok: true });
    ws.close();
    await expectStillServing();
  });
});
