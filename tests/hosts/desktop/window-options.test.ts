/**
 * The shell's wiring, where app-url.test.ts tests the predicates: the options the window
 * is created with, what its navigation, new-window and <webview> handlers do, the
 * permission handlers, and that every IPC channel refuses a sender that is not our
 * window's main frame on our origin. Electron cannot run here (no binary, no display),
 * so a recording stand-in takes its place: it only keeps what window.ts and ipc.ts hand
 * it, and the tests call the handlers the way Electron would.
 */
import { rmSync } from 'node:fs';
import type { BrowserWindow } from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class FakeWebContents {
    readonly listeners = new Map<string, Handler[]>();
    openHandler: Handler | null = null;
    on(name: string, listener: Handler) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
    setWindowOpenHandler(handler: Handler) {
      this.openHandler = handler;
    }
    send() {}
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    destroyed = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return this.destroyed;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  const handlers = new Map<string, Handler>();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  return {
    FakeBrowserWindow,
    handlers,
    openExternal,
    module: {
      BrowserWindow: FakeBrowserWindow,
      shell: { openExternal },
      ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
      dialog: {
        showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
        showSaveDialog: () => Promise.resolve({ canceled: true }),
      },
    },
  };
});
vi.mock('electron', () => electron.module);

const { createMainWindow, denyPermissions } = await import('../../../electron/hosts/desktop/window.js');
const { serveApi, serveShell } = await import('../../../electron/hosts/desktop/ipc.js');
const { APP_INDEX_URL } = await import('../../../electron/hosts/desktop/app-url.js');
const channels = await import('../../../electron/hosts/preload/channels.js');
const { createProfilerService } = await import('../../../electron/core/api/service.js');
const { tempDir } = await import('../../helpers/paths.js');

type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;

function openWindow(): FakeWindow {
  createMainWindow({ preloadPath: '/app/dist/preload/preload.cjs', onLoaded() {}, onUnloaded() {}, onClosed() {} });
  return electron.FakeBrowserWindow.created.at(-1)!;
}

beforeEach(() => electron.openExternal.mockClear());

describe('the main window', () => {
  const win = openWindow();
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['preload', '/app/dist/preload/preload.cjs'],
  ])('is created with %s = %s', (option, expected) => {
    expect(win.options.webPreferences[option]).toBe(expected);
  });

  it('turns on no experimental or Blink feature and loads our own page', () => {
    const prefs = win.options.webPreferences;
    for (const option of ['experimentalFeatures', 'enableBlinkFeatures', 'enableRemoteModule'])
      expect(prefs[option], option).toBeUndefined();
    expect(win.loadedUrl).toBe(APP_INDEX_URL);
  });
});

describe('navigation out of the window', () => {
  const win = openWindow();
  it.each([
    // url, main frame, stays (navigation allowed), opened in the system browser
    [APP_INDEX_URL, true, true, false],
    ['app://modeldyno/assets/other.html', false, true, false],
    ['https://example.com/', true, false, true],
    ['http://example.com/', true, false, true],
    ['https://example.com/', false, false, false],
    ['file:///etc/passwd', true, false, false],
    ['javascript:alert(1)', true, false, false],
    ['app://evil/index.html', true, false, false],
  ])('to %s (main frame %s): allowed %s, opened outside %s', (url, isMainFrame, allowed, external) => {
    const preventDefault = vi.fn();
    win.webContents.emit('will-frame-navigate', { url, isMainFrame, preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(allowed ? 0 : 1);
    expect(electron.openExternal).toHaveBeenCalledTimes(external ? 1 : 0);
  });

  it.each([
    ['https://example.com/', true],
    ['file:///etc/passwd', false],
    [APP_INDEX_URL, false],
    ['about:blank', false],
  ])('denies every new window; %s goes to the system browser: %s', (url, external) => {
    expect(win.webContents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(external ? 1 : 0);
  });

  it('refuses to attach a <webview>', () => {
    const preventDefault = vi.fn();
    win.webContents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('permissions', () => {
  const set: Record<string, Handler> = {};
  const session = {
    setPermissionRequestHandler: (h: Handler) => (set['request'] = h),
    setPermissionCheckHandler: (h: Handler) => (set['check'] = h),
    setDevicePermissionHandler: (h: Handler) => (set['device'] = h),
  };
  denyPermissions(session as unknown as Parameters<typeof denyPermissions>[0]);

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write'])(
    'refuses a request for %s',
    (permission) => {
      const callback = vi.fn();
      set['request']?.(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    },
  );

  it('allows only clipboard writes from our origin in checks, and no device', () => {
    expect(set['check']?.(null, 'clipboard-sanitized-write', 'app://modeldyno')).toBe(true);
    expect(set['check']?.(null, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(set['check']?.(null, 'media', 'app://modeldyno')).toBe(false);
    expect(set['device']?.()).toBe(false);
  });
});

describe('the IPC sender guard', () => {
  const sessionsDir = tempDir('ipc-guard');
  const service = createProfilerService({ hostKind: 'memory', roots: [], sessionsDir });
  afterAll(async () => {
    await service.dispose();
    rmSync(sessionsDir, { recursive: true, force: true });
  });
  const win = openWindow();
  let current: FakeWindow | null = win;
  // The stand-in has what ipc.ts uses of a BrowserWindow: webContents and isDestroyed().
  const windowRef = () => current as unknown as BrowserWindow | null;
  serveApi(service, windowRef, () => {});
  serveShell({
    window: windowRef,
    recentModels: () => ['/models/a.onnx'],
    documentsDir: sessionsDir,
    reportHtml: () => Promise.resolve(''),
    printToPdf: () => Promise.resolve(Buffer.alloc(0)),
  });
  const ours = { url: APP_INDEX_URL, parent: null };
  const call = (channel: string, event: object, ...args: unknown[]) =>
    (async () => electron.handlers.get(channel)!(event, ...args))();
  const request = { id: 1, method: 'hostInfo', args: [] };

  it('answers our window’s main frame on our origin', async () => {
    await expect(call(channels.SHELL_RECENT_MODELS, { sender: win.webContents, senderFrame: ours })).resolves.toEqual([
      '/models/a.onnx',
    ]);
    await expect(
      call(channels.API_CALL, { sender: win.webContents, senderFrame: ours }, request),
    ).resolves.toMatchObject({ id: 1, ok: true });
  });

  const refusals: Array<[string, () => object, FakeWindow | null]> = [
    ['an iframe of our window', () => ({ sender: win.webContents, senderFrame: { ...ours, parent: {} } }), win],
    [
      'a foreign page in our window',
      () => ({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }),
      win,
    ],
    ['another web contents', () => ({ sender: {}, senderFrame: ours }), win],
    ['a frame that is gone', () => ({ sender: win.webContents, senderFrame: null }), win],
    ['any caller while there is no window', () => ({ sender: win.webContents, senderFrame: ours }), null],
  ];
  const allChannels = [
    [channels.API_CALL, request],
    [channels.SHELL_RECENT_MODELS],
    [channels.SHELL_OPEN_MODEL_DIALOG],
    [channels.SHELL_SAVE_FILE, { fileName: 'a.csv', mimeType: 'text/csv', content: 'x', encoding: 'utf8' }],
    [channels.SHELL_PRINT_REPORT_PDF, 'session-id'],
  ] as const;

  it.each(refusals)('refuses %s on every channel', async (_who, event, window) => {
    expect(electron.handlers.size).toBe(allChannels.length);
    current = window;
    try {
      for (const [channel, ...args] of allChannels)
        await expect(call(channel, event(), ...args), channel).rejects.toThrow(/not the ModelDyno window/);
    } finally {
      current = win;
    }
  });

  it('refuses every channel once the window is destroyed', async () => {
    win.destroyed = true;
    try {
      for (const [channel, ...args] of allChannels)
        await expect(call(channel, { sender: win.webContents, senderFrame: ours }, ...args), channel).rejects.toThrow(
          /not the ModelDyno window/,
        );
    } finally {
      win.destroyed = false;
    }
  });
});
