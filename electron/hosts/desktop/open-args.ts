/**
 * The model a launch asks to open. Linux and Windows pass it on the command line (a file
 * association, "Open with", a drag onto the launcher); a second launch passes its argv
 * to the running instance. macOS uses the 'open-file' event instead.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL_EXTENSION = /\.onnx$/i;

/**
 * The last .onnx argument, as an absolute path; null when there is none. Switches
 * (Chromium adds some to a second instance's argv) are skipped, `file://` URIs (the
 * Linux desktop entry's %U) become paths, and relative paths resolve against `cwd`, the
 * launching shell's folder rather than the app's.
 */
export function modelPathFromArgv(argv: readonly string[], cwd: string): string | null {
  // argv[0] is the executable; in development argv[1] is the app folder, never a model.
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && MODEL_EXTENSION.test(arg));
  const last = candidates.at(-1);
  if (last === undefined) return null;
  if (last.startsWith('file://')) {
    try {
      return fileURLToPath(last);
    } catch {
      return null; // a file URL of another host: not a local model
    }
  }
  return isAbsolute(last) ? last : resolve(cwd, last);
}

/**
 * Holds the model to open until the renderer can receive it: a path from the command
 * line or macOS 'open-file' arrives before the window has loaded, and a reload needs
 * nothing replayed.
 */
export class ModelInbox {
  private pending: string | null = null;
  private ready = false;

  constructor(private readonly deliver: (path: string) => void) {}

  /** A model to open; delivered now if the renderer is loaded, else when it is. */
  open(path: string): void {
    if (this.ready) this.deliver(path);
    else this.pending = path;
  }

  /** The renderer finished loading (or reloading). */
  markReady(): void {
    this.ready = true;
    const path = this.pending;
    this.pending = null;
    if (path !== null) this.deliver(path);
  }

  /** The window went away; opens wait for the next one. */
  markGone(): void {
    this.ready = false;
  }
}
