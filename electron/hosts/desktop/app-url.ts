/**
 * The renderer's origin and the checks that keep the window on it. No Electron import:
 * these predicates are what the security of the shell rests on, so they are unit-tested.
 */

/** Registered as a standard, secure scheme: the renderer gets a real origin, unlike file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'modeldyno';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null; // not a URL at all: never ours
  }
}

/** True for a URL of the renderer's own origin (`app://modeldyno/…`). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  // URL.origin is "null" for non-special schemes, so the scheme and host are compared.
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Links the shell may hand to the system browser: http(s) only, never file: or custom schemes. */
export function isExternalHttpUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:');
}

/** Who sent an IPC call: its frame's URL and whether it is the main frame of our window. */
export interface SenderFrame {
  url: string;
  isOurMainFrame: boolean;
}

/**
 * Every IPC call is checked, as Electron's security checklist asks: only the main frame
 * of our window, showing our origin, may call the API (not an iframe, not a page the
 * window was somehow navigated to).
 */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.isOurMainFrame && isAppUrl(frame.url);
}

/**
 * Permission checks (synchronous queries such as "may this page write the clipboard?").
 * The UI needs only to copy text; everything else — camera, notifications, geolocation,
 * HID — is refused. Permission requests are refused outright elsewhere.
 */
export function allowPermissionCheck(permission: string, requestingOrigin: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingOrigin);
}
