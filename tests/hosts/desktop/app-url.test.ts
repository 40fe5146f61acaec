/** The predicates the shell's security rests on: which URLs are ours, which may open outside, who may call. */
import { describe, expect, it } from 'vitest';
import {
  allowPermissionCheck,
  APP_INDEX_URL,
  isAppUrl,
  isExternalHttpUrl,
  isTrustedSender,
} from '../../../electron/hosts/desktop/app-url.js';

describe('recognising the renderer origin', () => {
  it.each([
    [APP_INDEX_URL, true],
    ['app://modeldyno/', true],
    ['app://modeldyno/assets/index.js?x#y', true],
    // Chromium lowercases the host of a standard scheme before any URL reaches main; an
    // upper-case one has not come from it, and the check stays exact.
    ['app://MODELDYNO/index.html', false],
    ['app://modeldyno.evil.example/index.html', false],
    ['app://evil/modeldyno/index.html', false],
    ['app://user@evil/index.html', false],
    ['app://modeldyno:8080/index.html', false],
    ['https://modeldyno/index.html', false],
    ['file:///work/main/renderer/dist/index.html', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('%s is ours: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('links handed to the system browser', () => {
  it.each([
    ['https://onnxruntime.ai/docs/', true],
    ['http://localhost:3000/', true],
    ['file:///etc/passwd', false],
    ['app://modeldyno/index.html', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-settings:privacy', false],
    ['mailto:someone@example.com', false],
  ])('%s may open outside: %s', (url, expected) => {
    expect(isExternalHttpUrl(url)).toBe(expected);
  });
});

describe('checking the sender of an IPC call', () => {
  it('trusts only the main frame of our window showing our origin', () => {
    expect(isTrustedSender({ url: APP_INDEX_URL, isOurMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_INDEX_URL, isOurMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isOurMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/dropped.html', isOurMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('permission checks', () => {
  it('allow clipboard writes from our origin and nothing else', () => {
    expect(allowPermissionCheck('clipboard-sanitized-write', 'app://modeldyno')).toBe(true);
    expect(allowPermissionCheck('clipboard-sanitized-write', 'https://example.com')).toBe(false);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb']) {
      expect(allowPermissionCheck(permission, 'app://modeldyno')).toBe(false);
    }
  });
});
