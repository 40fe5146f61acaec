/**
 * The application menu as data. Electron's types only (erased at build), so the
 * template — every command reachable, no shortcut used twice — is tested without
 * Electron; menu.ts builds it.
 */
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/shell.js';

export interface MenuActions {
  /** Sends a command to the renderer, which carries it out. */
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Development builds get Reload and DevTools. */
  packaged: boolean;
  recent: readonly string[];
}

/** The screens in the order the renderer's navigation shows them, on Ctrl/Cmd+1…8. */
const SCREENS: ReadonlyArray<{ label: string; command: MenuCommand }> = [
  { label: 'Start', command: 'show-start' },
  { label: 'Timeline', command: 'show-timeline' },
  { label: 'Ops', command: 'show-ops' },
  { label: 'Bottlenecks', command: 'show-bottlenecks' },
  { label: 'What-if', command: 'show-whatif' },
  { label: 'Compare', command: 'show-compare' },
  { label: 'LLM', command: 'show-llm' },
  { label: 'Compression', command: 'show-compress' },
];

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function menuTemplate(context: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const send = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  return [
    // macOS puts About and Quit in the menu named after the app.
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        send('Open Model…', 'open-model', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recentItems(context.recent, actions) },
        separator,
        send('Export Session…', 'export-session', 'CmdOrCtrl+E'),
        ...(mac ? [] : [separator, { role: 'quit' } as const]),
      ],
    },
    // Copy and paste in text fields need the Edit roles on macOS.
    { role: 'editMenu' },
    {
      label: '&Profile',
      submenu: [
        send('Start', 'start-profile', 'CmdOrCtrl+R'),
        // Cmd+. is macOS's own "cancel"; Escape would also close dialogs in the page.
        send('Cancel', 'cancel-profile', 'CmdOrCtrl+.'),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...SCREENS.map(({ label, command }, i) => send(label, command, `CmdOrCtrl+${i + 1}`)),
        separator,
        send('Toggle Theme', 'toggle-theme'),
        separator,
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { role: 'togglefullscreen' },
        ...(context.packaged
          ? []
          : [
              separator,
              // Not the 'reload' role: its Ctrl/Cmd+R is Profile › Start.
              { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' } as const,
              { role: 'toggleDevTools', accelerator: 'CmdOrCtrl+Shift+I' } as const,
            ]),
      ],
    },
    { label: '&Help', submenu: [{ role: 'about', label: 'About ModelDyno' }] },
  ];
}

function recentItems(recent: readonly string[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Models', enabled: false }];
  return [
    // The file name is the label; the full path is in the tooltip (Windows/Linux) and sublabel (macOS).
    ...recent.map((path) => ({
      // A literal & would read as a mnemonic marker on Windows and Linux.
      label: basename(path).replaceAll('&', '&&'),
      sublabel: path,
      toolTip: path,
      click: () => actions.openRecent(path),
    })),
    separator,
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}
