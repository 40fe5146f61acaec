/**
 * The bridge between the sandboxed renderer and the main process. It exposes exactly
 * two objects: `window.modeldyno`, the `ProfilerApi` over one invoke channel, and
 * `window.modeldynoShell`, the `DesktopShell`. Never ipcRenderer itself: the page may
 * call these methods and nothing else (Electron's security checklist).
 *
 * A sandboxed preload may require only 'electron' (and a few Node polyfills), so this
 * file and what it imports from electron/shared are bundled into one CommonJS file,
 * dist/preload/preload.cjs (vite.config.ts here).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import { API_METHODS, type ExportedFile } from '../../shared/api.js';
import type { RequestMessage, ResponseMessage } from '../../shared/messages.js';
import { bridgeError } from '../../shared/errors.js';
import { createApiClient } from '../../shared/rpc-client.js';
import { type DesktopShell, MENU_COMMANDS, type MenuCommand } from '../../shared/shell.js';
import {
  API_CALL,
  API_EVENT,
  MENU_COMMAND,
  OPEN_MODEL,
  SHELL_OPEN_MODEL_DIALOG,
  SHELL_PRINT_REPORT_PDF,
  SHELL_RECENT_MODELS,
  SHELL_SAVE_FILE,
} from './channels.js';

/** A failed invoke (the main process refused or was gone) answers the call instead of leaving it pending. */
const failure = (request: RequestMessage, err: unknown): ResponseMessage => ({
  id: request.id,
  ok: false,
  error: { kind: 'internal', message: `the desktop host did not answer (${(err as Error).message}).` },
});

const client = createApiClient({
  send: (request) => {
    ipcRenderer.invoke(API_CALL, request).then(
      (response: ResponseMessage | null) =>
        client.receive(
          response ?? { id: request.id, ok: false, error: { kind: 'usage', message: 'malformed request.' } },
        ),
      (err: unknown) => client.receive(failure(request, err)),
    );
  },
});
ipcRenderer.on(API_EVENT, (_event, message) => client.receive(message));

/** Subscribes to a main → renderer channel; the returned function unsubscribes. */
function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void) {
  const handler = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

/**
 * `invoke` puts "Error invoking remote method '<channel>': Error: " before main's message;
 * main's own message starts with the error kind (`[tool-missing] …`), which the page reads.
 */
const mainError = (err: unknown) =>
  new Error((err as Error).message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, ''));

const isPath = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isMenuCommand = (value: unknown): value is MenuCommand =>
  typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);

const shell: DesktopShell = {
  openModelDialog: () => ipcRenderer.invoke(SHELL_OPEN_MODEL_DIALOG) as Promise<string | null>,
  // Only the four fields cross: the page's object may carry anything else.
  saveFile: ({ fileName, mimeType, content, encoding }: ExportedFile) =>
    ipcRenderer.invoke(SHELL_SAVE_FILE, { fileName, mimeType, content, encoding }) as Promise<string | null>,
  // Only a string crosses; main checks it is a session id.
  printReportToPdf: (sessionId: string) =>
    (ipcRenderer.invoke(SHELL_PRINT_REPORT_PDF, String(sessionId)) as Promise<string | null>).catch((err: unknown) => {
      throw mainError(err);
    }),
  recentModels: () => ipcRenderer.invoke(SHELL_RECENT_MODELS) as Promise<string[]>,
  onOpenModel: (listener) => subscribe(OPEN_MODEL, isPath, listener),
  onMenuCommand: (listener) => subscribe(MENU_COMMAND, isMenuCommand, listener),
  pathForFile: (file) => webUtils.getPathForFile(file),
};

/** Every method rethrows with its error kind in the message: contextBridge keeps nothing else of an Error. */
const bridgedApi = Object.fromEntries(
  Object.entries(client.api).map(([name, member]) => [
    name,
    (API_METHODS as readonly string[]).includes(name)
      ? (...args: unknown[]) =>
          (member as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: unknown) => {
            throw bridgeError(err);
          })
      : member,
  ]),
);

contextBridge.exposeInMainWorld('modeldyno', bridgedApi);
contextBridge.exposeInMainWorld('modeldynoShell', shell);
