/** The headers every response carries, and the short pages the host answers with when it refuses. */
import type { ServerResponse } from 'node:http';

/**
 * A strict policy (OWASP, Electron's security checklist): scripts and connections from
 * this origin only, no plugins, no framing, no `<base>` tricks. Inline styles stay
 * allowed because React's `style` props and recharts' SVG need them. `host` is the
 * validated Host header; the explicit `ws://` source is for browsers whose `'self'`
 * does not yet cover WebSocket URLs.
 */
export function securityHeaders(host: string | null): Record<string, string> {
  const connect = host ? `'self' ws://${host}` : `'self'`;
  return {
    'Content-Security-Policy': [
      `default-src 'self'`,
      `script-src 'self'`,
      `connect-src ${connect}`,
      `img-src 'self' data: blob:`,
      `style-src 'self' 'unsafe-inline'`,
      `object-src 'none'`,
      `frame-ancestors 'none'`,
      `base-uri 'none'`,
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text, escaped, with `backticked` commands set as code. */
const markup = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The host's CSP allows inline styles (not scripts): the refusal pages stay one self-contained file. */
const PAGE_STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;background:#15171c;color:#e6e8ee;max-width:40rem;margin:12vh auto;padding:0 1.5rem}' +
  'h1{font-size:1.3rem;margin:0 0 .75rem}p{color:#b8bfcc}code{font-family:ui-monospace,monospace;background:#252932;padding:.1rem .35rem;border-radius:4px;color:#e6e8ee}' +
  '.brand{color:#5aa9ff;font-weight:600;letter-spacing:.02em;margin-bottom:1.5rem}';

/** A small self-contained HTML page; `text` is plain text, escaped here. */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  headers: Record<string, string>,
): void {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — ModelDyno</title><style>${PAGE_STYLE}</style></head>
<body><div class="brand">ModelDyno</div><h1>${escapeHtml(title)}</h1><p>${markup(text)}</p></body></html>
`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export const PAGES = {
  badHost: [
    'Unknown host name',
    'This ModelDyno server answers only to the address it printed. Open the URL that `modeldyno serve` printed.',
  ],
  foreignOrigin: [
    'Request from another site',
    'This ModelDyno server only answers its own pages. Open the URL that `modeldyno serve` printed.',
  ],
  unauthorised: [
    'Access token needed',
    'This ModelDyno server needs its access token. Open the URL that `modeldyno serve` printed (it ends in ?token=…).',
  ],
  notFound: ['Not found', 'There is no such file here.'],
  badPath: ['Bad request', 'That path cannot be read.'],
  method: ['Method not allowed', 'This server only answers GET and HEAD.'],
  noRenderer: [
    'The user interface is not built',
    'The renderer build is missing: run `npm run build:renderer` in the modeldyno folder, then reload.',
  ],
} as const satisfies Record<string, readonly [string, string]>;
