/**
 * Who may talk to the web host: the holder of the token it printed, through a Host
 * header it is bound to (DNS rebinding), from its own origin (cross-site WebSocket
 * hijacking). Jupyter's notebook server guards its kernels the same way, and the Electron
 * and OWASP guidance for local servers asks for exactly these three checks.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

/** Characters a token may hold: it travels in a URL query and a cookie unescaped. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,512}$/;

/** 32 random bytes, as Jupyter's default token has; base64url needs no escaping in a URL. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Hashing both sides first gives equal lengths, which
 * `timingSafeEqual` needs, without leaking the token's length through an early return.
 */
export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(candidate), digest(token));
}

/**
 * Cookies ignore ports: two `modeldyno serve` on one machine would overwrite each
 * other's cookie under one name, so the port is part of it (as Jupyter does).
 */
export const cookieName = (port: number) => `modeldyno-token-${port}`;

/** HttpOnly: page scripts never see it; SameSite=Strict: other sites' pages never send it. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface Credentials {
  /** The token matched, by query or cookie. */
  authorised: boolean;
  /** The query carried the right token: set the cookie so assets and the socket carry it. */
  setCookie: boolean;
}

/** Checks the token of a request that carries it as `?token=` or as the host's cookie. */
export function checkToken(req: IncomingMessage, url: URL, port: number, token: string): Credentials {
  const byQuery = tokenMatches(url.searchParams.get('token'), token);
  const byCookie = tokenMatches(readCookie(req.headers.cookie, cookieName(port)), token);
  return { authorised: byQuery || byCookie, setCookie: byQuery };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isWildcard(host: string): boolean {
  return WILDCARD.has(host);
}

/** How a host name appears in a URL or a Host header: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The Host headers this server answers to. A page on a rebound DNS name reaches
 * 127.0.0.1 with its own name in Host; refusing unknown names defeats it. Bound to a
 * wildcard address, the machine's own addresses and name are its names too.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', boundHost.toLowerCase()]);
  if (isWildcard(boundHost)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  }
  return new Set([...names].filter((name) => !isWildcard(name)).map((name) => `${urlHost(name)}:${port}`));
}

/** The request's Host header, lower-cased, when it is one of ours; null otherwise. */
export function knownHost(req: IncomingMessage, allowed: Set<string>): string | null {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowed.has(host) ? host : null;
}

/** A browser always sends Origin on a WebSocket handshake; only our own page's is accepted. */
export function sameOrigin(req: IncomingMessage, host: string): boolean {
  return req.headers.origin?.toLowerCase() === `http://${host}`;
}
