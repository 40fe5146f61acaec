/**
 * The desktop app's PDF: the session's HTML report printed by Electron's own Chromium
 * (issue 6), so the app needs no separate browser. The report loads from a temporary
 * file into a hidden window that runs no script and may request nothing but that file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import { isPrintRequestAllowed, PDF_OPTIONS, PRINT_WINDOW_PREFERENCES } from './print-checks.js';
import { denyPermissions } from './window.js';

/**
 * One print at a time: the print session has a single request filter, which names the
 * report being printed. A file rather than a data: URL, since Chromium caps URLs at
 * 2 MB and a long session's report is larger.
 */
let queue: Promise<unknown> = Promise.resolve();

export function printHtmlToPdf(html: string): Promise<Buffer> {
  const next = queue.then(() => printOne(html));
  queue = next.catch(() => undefined); // a failed print must not stop the next one
  return next;
}

async function printOne(html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'modeldyno-print-'));
  const file = join(dir, 'report.html');
  const reportUrl = pathToFileURL(file).href;
  let win: BrowserWindow | null = null;
  try {
    await writeFile(file, html);
    const printSession = session.fromPartition(PRINT_WINDOW_PREFERENCES.partition);
    denyPermissions(printSession);
    printSession.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !isPrintRequestAllowed(details.url, reportUrl) }),
    );
    win = new BrowserWindow({
      show: false,
      width: 1100,
      height: 1400,
      // Spelled out as well as spread: the static check (electronegativity) reads this literal and follows no import.
      webPreferences: {
        ...PRINT_WINDOW_PREFERENCES,
        contextIsolation: true,
        sandbox: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    await win.loadURL(reportUrl);
    return await win.webContents.printToPDF(PDF_OPTIONS);
  } finally {
    win?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
