/**
 * The window-wide inputs: keyboard shortcuts, the desktop menu's commands and models
 * dropped on the window. Each one ends in the same action the buttons call.
 */
import { useEffect } from 'react';
import type { DesktopShell, MenuCommand } from '../../../electron/shared/shell.js';
import type { Actions } from './actions.js';
import type { AppStore } from './app-store.js';
import { screenAtDigit } from './screens.js';

/** Typing in a field must not switch screens. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function handleKey(event: KeyboardEvent, actions: Actions, store: AppStore): boolean {
  const mod = event.ctrlKey || event.metaKey;
  const state = store.getState();
  if (mod && event.key.toLowerCase() === 'o') {
    void actions.chooseModel();
    return true;
  }
  if (mod && event.key === 'Enter') {
    void actions.startProfile();
    return true;
  }
  if (event.key === 'Escape') {
    if (state.overlay) actions.toggleShortcuts(false);
    else if (state.live) void actions.cancelProfile();
    else return false;
    return true;
  }
  if (mod || event.altKey || isTyping(event.target)) return false;
  if (event.key === '?') {
    actions.toggleShortcuts();
    return true;
  }
  if (event.key === 't' || event.key === 'T') {
    actions.toggleTheme();
    return true;
  }
  const screen = /^[0-9]$/.test(event.key) ? screenAtDigit(Number(event.key)) : null;
  if (screen) {
    actions.show(screen);
    return true;
  }
  return false;
}

export function useKeyboardShortcuts(actions: Actions, store: AppStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (handleKey(event, actions, store)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, store]);
}

export function runMenuCommand(command: MenuCommand, actions: Actions): void {
  switch (command) {
    case 'open-model':
      return void actions.chooseModel();
    case 'start-profile':
      return void actions.startProfile();
    case 'cancel-profile':
      return void actions.cancelProfile();
    case 'export-session':
      return void actions.exportSession();
    case 'toggle-theme':
      return actions.toggleTheme();
    default:
      // Every other command is `show-<screen>`.
      return actions.show(command.slice('show-'.length) as Parameters<Actions['show']>[0]);
  }
}

export function useDesktopShell(shell: DesktopShell | undefined, actions: Actions): void {
  useEffect(() => {
    if (!shell) return;
    const stops = [
      shell.onMenuCommand((command) => runMenuCommand(command, actions)),
      shell.onOpenModel((path) => void actions.openModel(path)),
    ];
    return () => stops.forEach((stop) => stop());
  }, [shell, actions]);
}

/**
 * A `.onnx` dropped anywhere on the window. Only the desktop shell can turn a dropped
 * file into a path the engine can read; a browser gets a pointer to the file browser.
 */
export function useWindowDrop(shell: DesktopShell | undefined, actions: Actions): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      if (!file.name.toLowerCase().endsWith('.onnx')) {
        actions.notify(`${file.name} is not an .onnx model.`, 'error');
        return;
      }
      if (shell) {
        void actions.openModel(shell.pathForFile(file));
        return;
      }
      actions.notify(
        'A browser cannot hand the host a dropped file’s path: pick the model with the file browser on the Start screen, or type its path on the serving machine.',
      );
      actions.show('start');
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [shell, actions]);
}
