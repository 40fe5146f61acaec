/**
 * The desktop app's main process: one window on the renderer build, the profiler
 * service behind IPC, inference in utility processes. Only this folder imports
 * Electron; the engine is the same one the CLI and web host run.
 */
import { join } from 'node:path';
import { app, type BrowserWindow, session } from 'electron';
import { createProfilerService, type ProfilerService } from '../../core/api/service.js';
import type { MenuCommand } from '../../shared/shell.js';
import { MENU_COMMAND, OPEN_MODEL } from '../preload/channels.js';
import { serveApi, serveShell } from './ipc.js';
import { installMenu } from './menu.js';
import { printHtmlToPdf } from './print-pdf.js';
import { modelPathFromArgv, ModelInbox } from './open-args.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { RecentModels } from './recent.js';
import { utilityCalibrationLauncher, utilityFidelityLauncher, utilityWorkerLauncher } from './utility-launcher.js';
import { createMainWindow, denyPermissions } from './window.js';

let win: BrowserWindow | null = null;
/** Set once the app is ready; until then start() opens the first window. */
let openWindow: (() => void) | null = null;
const inbox = new ModelInbox((path) => win?.webContents.send(OPEN_MODEL, path));

/** Opens a model in the window, bringing a window back first on macOS, where the app outlives it. */
function openModel(path: string): void {
  inbox.open(path);
  if (!win) openWindow?.();
}

// Privileged schemes must be registered before 'ready'; ESM evaluates this module before it.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives our argv in 'second-instance' and opens the model.
  app.quit();
} else {
  // macOS sends files to open (Finder, the Dock) as events, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openModel(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = modelPathFromArgv(argv, workingDirectory);
    if (path !== null) openModel(path);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  const launchModel = modelPathFromArgv(process.argv, process.cwd());
  if (launchModel !== null) inbox.open(launchModel);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}

function start(): void {
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'renderer', 'dist'));
  denyPermissions(session.defaultSession);
  app.setAboutPanelOptions({ applicationName: 'ModelDyno', applicationVersion: app.getVersion() });

  const service = createProfilerService({
    hostKind: 'desktop',
    roots: [],
    launcher: utilityWorkerLauncher,
    calibrationLauncher: utilityCalibrationLauncher,
    fidelityLauncher: utilityFidelityLauncher,
  });
  const recent = new RecentModels(join(app.getPath('userData'), 'recent-models.json'));

  openWindow = () => {
    win = createMainWindow({
      preloadPath: join(appRoot, 'dist', 'preload', 'preload.cjs'),
      onLoaded: () => inbox.markReady(),
      onUnloaded: () => inbox.markGone(),
      onClosed: () => {
        inbox.markGone();
        win = null;
      },
    });
  };
  const toRenderer = (command: MenuCommand) => {
    if (win) win.webContents.send(MENU_COMMAND, command);
    else openWindow?.(); // macOS keeps the menu with no window: a command brings one back first
  };
  const menu = () =>
    installMenu(
      { platform: process.platform, packaged: app.isPackaged, recent: recent.entries() },
      {
        command: toRenderer,
        openRecent: openModel,
        clearRecent: () => {
          recent.clear();
          app.clearRecentDocuments();
          menu();
        },
      },
    );
  const remember = (path: string) => {
    try {
      recent.add(path);
      app.addRecentDocument(path);
      menu();
    } catch (err) {
      // The list is a convenience: failing to save it must not fail the open.
      process.emitWarning(`recent models not saved: ${(err as Error).message}`);
    }
  };

  serveApi(service, () => win, remember);
  serveShell({
    window: () => win,
    recentModels: () => recent.entries(),
    documentsDir: app.getPath('documents'),
    reportHtml: async (sessionId) => (await service.exportSession(sessionId, 'html')).content,
    printToPdf: printHtmlToPdf,
  });
  menu();
  openWindow();
  app.on('activate', () => {
    if (!win) openWindow?.();
  });
  disposeOnQuit(service);
}

/** Quitting waits for the service to stop running sessions and write their summaries. */
function disposeOnQuit(service: ProfilerService): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    void service
      .dispose()
      .catch((err: unknown) => process.emitWarning(`shutdown: ${(err as Error).message}`))
      .finally(() => {
        state = 'disposed';
        app.quit();
      });
  });
}
