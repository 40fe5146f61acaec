/**
 * What only the desktop shell can do, beside the `ProfilerApi`: native dialogs, files
 * opened from the menu, a file association or a drop on the window, and menu commands.
 * The preload exposes it as `window.modeldynoShell`; in a browser it is absent and the
 * renderer falls back to the host's file browser and a download link.
 */
import type { ExportedFile, Unsubscribe } from './api.js';

/** Commands of the application menu the renderer carries out (their shortcuts live in the menu). */
export const MENU_COMMANDS = [
  'open-model',
  'start-profile',
  'cancel-profile',
  'export-session',
  'toggle-theme',
  'show-start',
  'show-timeline',
  'show-ops',
  'show-bottlenecks',
  'show-whatif',
  'show-compare',
  'show-llm',
  'show-compress',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface DesktopShell {
  /** The native open dialog, filtered to .onnx; null when cancelled. */
  openModelDialog(): Promise<string | null>;
  /** The native save dialog; resolves to the path written, or null when cancelled. */
  saveFile(file: ExportedFile): Promise<string | null>;
  /**
   * The session's HTML report printed to PDF by Electron's own Chromium (no separate
   * browser needed), then the native save dialog; the path written, or null when
   * cancelled. Optional: only the desktop shell has a printer.
   */
  printReportToPdf?(sessionId: string): Promise<string | null>;
  /** Models opened most recently (newest first). */
  recentModels(): Promise<string[]>;
  /** A model to open: from the menu's recent list, the OS file association or a drop. */
  onOpenModel(listener: (path: string) => void): Unsubscribe;
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  /** The filesystem path of a dropped `File` (Electron's webUtils). */
  pathForFile(file: File): string;
}
