/** What the desktop app decides before printing a report to PDF in a hidden window. */
import { describe, expect, it } from 'vitest';
import {
  isPrintRequestAllowed,
  parsePrintSessionId,
  PDF_OPTIONS,
  PRINT_WINDOW_PREFERENCES,
  reportPdfName,
} from '../../../electron/hosts/desktop/print-checks.js';

describe('the session id the renderer asks to print', () => {
  it('accepts a session id as the API does', () => {
    expect(parsePrintSessionId('20250101-120000-mlp-1a2b')).toBe('20250101-120000-mlp-1a2b');
  });

  it.each([
    ['a path that climbs out of the sessions folder', '../../etc/passwd'],
    ['a dot-name', '..'],
    ['an empty string', ''],
    ['a number', 42],
    ['an object', { sessionId: 'x' }],
    ['an id longer than 200 characters', 'a'.repeat(201)],
  ])('refuses %s', (_name, value) => {
    expect(parsePrintSessionId(value)).toBeNull();
  });
});

describe('the hidden print window', () => {
  it('runs no script, in a sandbox, isolated, without Node, in a session of its own', () => {
    expect(PRINT_WINDOW_PREFERENCES).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(PRINT_WINDOW_PREFERENCES).not.toHaveProperty('preload');
    expect(PRINT_WINDOW_PREFERENCES.partition).not.toMatch(/^persist:/);
  });

  it('lets the page load only its own report file and data: URLs', () => {
    const report = 'file:///tmp/modeldyno-print-x/report.html';
    expect(isPrintRequestAllowed(report, report)).toBe(true);
    expect(isPrintRequestAllowed('data:image/png;base64,AAAA', report)).toBe(true);
    for (const url of [
      'https://example.com/track.png',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///tmp/modeldyno-print-x/other.html',
      `${report}?x=1`,
    ])
      expect(isPrintRequestAllowed(url, report)).toBe(false);
  });

  it('prints backgrounds, since the report draws its bands and bars with them', () => {
    expect(PDF_OPTIONS.printBackground).toBe(true);
  });

  it('suggests the same file name as the API’s pdf export', () => {
    expect(reportPdfName('abc-1')).toBe('abc-1.pdf');
  });
});
