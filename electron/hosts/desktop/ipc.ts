/**
 * The IPC server: the `ProfilerApi` on one invoke channel, its events pushed to the
 * window, and the `DesktopShell` extras. Every call checks its sender first.
 */
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ProfilerApi } from '../../shared/api.js';
import { bridgeError } from '../../shared/errors.js';
import { dispatch, forwardEvents } from '../../core/api/dispatch.js';
import {
  API_CALL,
  API_EVENT,
  SHELL_OPEN_MODEL_DIALOG,
  SHELL_PRINT_REPORT_PDF,
  SHELL_RECENT_MODELS,
  SHELL_SAVE_FILE,
} from '../preload/channels.js';
import { isTrustedSender } from './app-url.js';
import { openedModelPath, parseExportedFile } from './ipc-checks.js';
import { parsePrintSessionId, reportPdfName } from './print-checks.js';

/** The window whose page may call; null while there is none. */
export type WindowRef = () => BrowserWindow | null;

/** The window, if the call came from its main frame on our origin; throws otherwise. */
function trustedWindow(event: IpcMainInvokeEvent, window: WindowRef): BrowserWindow {
  const win = window();
  const frame = event.senderFrame;
  const ours = win !== null && !win.isDestroyed() && event.sender === win.webContents;
  if (!win || !isTrustedSender(frame && ours ? { url: frame.url, isOurMainFrame: frame.parent === null } : null)) {
    throw new Error('refused: the caller is not the ModelDyno window.');
  }
  return win;
}

/** Serves the API; `onModelOpened` hears of every model the page opened. */
export function serveApi(service: ProfilerApi, window: WindowRef, onModelOpened: (path: string) => void): void {
  ipcMain.handle(API_CALL, async (event, message: unknown) => {
    trustedWindow(event, window);
    const response = await dispatch(service, message);
    const opened = openedModelPath(message, response);
    if (opened !== null) onModelOpened(opened);
    return response;
  });
  forwardEvents(service, (message) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(API_EVENT, message);
  });
}

export interface ShellDeps {
  window: WindowRef;
  recentModels(): string[];
  /** Where the save dialog starts. */
  documentsDir: string;
  /** The session's HTML report (the API's `exportSession` in `html`). */
  reportHtml(sessionId: string): Promise<string>;
  /** HTML printed to PDF by Electron (print-pdf.ts). */
  printToPdf(html: string): Promise<Buffer>;
}

/** The native save dialog, then the bytes written; the path, or null when cancelled. */
async function saveWithDialog(win: BrowserWindow, documentsDir: string, fileName: string, bytes: Buffer) {
  const extension = extname(fileName).slice(1);
  const result = await dialog.showSaveDialog(win, {
    defaultPath: join(documentsDir, fileName),
    filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
  });
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, bytes);
  return result.filePath;
}

export function serveShell(deps: ShellDeps): void {
  ipcMain.handle(SHELL_OPEN_MODEL_DIALOG, async (event) => {
    const win = trustedWindow(event, deps.window);
    const result = await dialog.showOpenDialog(win, {
      title: 'Open ONNX model',
      properties: ['openFile'],
      filters: [{ name: 'ONNX models', extensions: ['onnx'] }],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  ipcMain.handle(SHELL_SAVE_FILE, async (event, value: unknown) => {
    const win = trustedWindow(event, deps.window);
    const file = parseExportedFile(value);
    if (file === null)
      throw new Error('saveFile: expected { fileName, mimeType, content, encoding } (utf8 or base64).');
    return saveWithDialog(win, deps.documentsDir, file.fileName, Buffer.from(file.content, file.encoding));
  });

  ipcMain.handle(SHELL_PRINT_REPORT_PDF, async (event, value: unknown) => {
    const win = trustedWindow(event, deps.window);
    const sessionId = parsePrintSessionId(value);
    if (sessionId === null) throw new Error('[usage] printReportToPdf: expected a session id.');
    let pdf: Buffer;
    try {
      pdf = await deps.printToPdf(await deps.reportHtml(sessionId));
    } catch (err) {
      // ipcRenderer.invoke keeps only the message: the kind travels in front of it (errors.ts bridgeError).
      throw bridgeError(err);
    }
    return saveWithDialog(win, deps.documentsDir, reportPdfName(sessionId), pdf);
  });

  ipcMain.handle(SHELL_RECENT_MODELS, (event) => {
    trustedWindow(event, deps.window);
    return deps.recentModels();
  });
}
