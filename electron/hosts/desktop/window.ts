/**
 * The one window, locked down per Electron's security checklist: context isolation, a
 * sandboxed renderer without Node, web security on, only our own origin loaded, no
 * navigation away from it, no new windows, no <webview>.
 */
import { BrowserWindow, type Session, shell, type WebContents } from 'electron';
import { allowPermissionCheck, APP_INDEX_URL, isAppUrl, isExternalHttpUrl } from './app-url.js';

export interface WindowOptions {
  preloadPath: string;
  /** The renderer finished loading: it can receive events now. */
  onLoaded(): void;
  /** The renderer is going away (reload, close): hold events meant for it. */
  onUnloaded(): void;
  onClosed(): void;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'ModelDyno',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped on the window goes to the page's drop handler, never becomes a navigation.
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would ask for a new window; the handler denies it, this stops the event itself.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  guardContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => options.onLoaded());
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) options.onUnloaded();
  });
  win.on('closed', () => options.onClosed());
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** Keeps the page on our origin; http(s) links open in the system browser instead. */
function guardContents(contents: WebContents): void {
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    if (event.isMainFrame && isExternalHttpUrl(event.url)) void shell.openExternal(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No permission is ever granted on request (camera, notifications, …); checks allow clipboard writes only. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowPermissionCheck(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
