import type { DesktopShell } from '../../electron/shared/shell.js';

declare global {
  interface Window {
    /** Present only inside the desktop app, exposed by its preload next to `window.modeldyno`. */
    modeldynoShell?: DesktopShell;
  }
}

export {};
