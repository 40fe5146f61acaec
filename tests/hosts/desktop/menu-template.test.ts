/** The application menu as data: every command reachable once, no shortcut twice, dev tools only in development. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuContext } from '../../../electron/hosts/desktop/menu-template.js';
import { MENU_COMMANDS, type MenuCommand } from '../../../electron/shared/shell.js';

/** Builds the template with actions that record what a click did. */
function build(context: Partial<MenuContext> = {}) {
  const done: Array<{ command?: MenuCommand; openRecent?: string; clearRecent?: true }> = [];
  const template = menuTemplate(
    { platform: 'linux', packaged: true, recent: [], ...context },
    {
      command: (command) => done.push({ command }),
      openRecent: (path) => done.push({ openRecent: path }),
      clearRecent: () => done.push({ clearRecent: true }),
    },
  );
  return { template, done };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)(); // our items ignore Electron's click arguments

const byLabel = (template: MenuItemConstructorOptions[], label: string) => {
  const found = items(template).find((item) => item.label === label);
  if (!found) throw new Error(`no menu item "${label}"`);
  return found;
};

describe.each(['linux', 'win32', 'darwin'] as const)('the application menu on %s', (platform) => {
  it('reaches every menu command exactly once', () => {
    const { template, done } = build({ platform });
    for (const item of items(template)) if (item.click) click(item);
    const commands = done.flatMap((d) => (d.command ? [d.command] : []));
    expect([...commands].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('uses no keyboard shortcut twice, in development builds too', () => {
    for (const packaged of [true, false]) {
      const accelerators = items(build({ platform, packaged }).template).flatMap((item) =>
        item.accelerator ? [item.accelerator] : [],
      );
      expect(accelerators.length).toBeGreaterThan(10);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});

describe('the application menu', () => {
  it('puts the screens on Ctrl/Cmd+1 to 8 in navigation order', () => {
    const { template, done } = build();
    const shortcuts = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => {
      const item = items(template).find((i) => i.accelerator === `CmdOrCtrl+${n}`)!;
      click(item);
      return done.at(-1)?.command;
    });
    expect(shortcuts).toEqual([
      'show-start',
      'show-timeline',
      'show-ops',
      'show-bottlenecks',
      'show-whatif',
      'show-compare',
      'show-llm',
      'show-compress',
    ]);
  });

  it('binds open, export, start and cancel to their shortcuts', () => {
    const { template } = build();
    const accelerator = (label: string) => byLabel(template, label).accelerator;
    expect(accelerator('Open Model…')).toBe('CmdOrCtrl+O');
    expect(accelerator('Export Session…')).toBe('CmdOrCtrl+E');
    expect(accelerator('Start')).toBe('CmdOrCtrl+R');
    expect(accelerator('Cancel')).toBe('CmdOrCtrl+.');
  });

  it('offers reload and developer tools only in development builds, never on Ctrl/Cmd+R', () => {
    const roles = (packaged: boolean) => items(build({ packaged }).template).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('forceReload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'forceReload']));
    expect(roles(false)).not.toContain('reload');
  });

  it('lists recent models newest first, opens the one clicked, and clears the list', () => {
    const { template, done } = build({ recent: ['/models/b&w.onnx', '/models/a.onnx'] });
    const submenu = byLabel(template, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(submenu.map((item) => item.label ?? item.type)).toEqual([
      'b&&w.onnx',
      'a.onnx',
      'separator',
      'Clear Recent',
    ]);
    click(submenu[1]!);
    click(submenu[3]!);
    expect(done).toEqual([{ openRecent: '/models/a.onnx' }, { clearRecent: true }]);
  });

  it('shows a disabled placeholder when nothing was opened yet', () => {
    const submenu = byLabel(build().template, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(submenu).toEqual([{ label: 'No Recent Models', enabled: false }]);
  });

  it('keeps Quit in File on Windows and Linux and in the app menu on macOS', () => {
    const fileRoles = (platform: NodeJS.Platform) =>
      (build({ platform }).template.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]).map(
        (item) => item.role,
      );
    expect(fileRoles('linux')).toContain('quit');
    expect(fileRoles('darwin')).not.toContain('quit');
    expect(build({ platform: 'darwin' }).template[0]).toEqual({ role: 'appMenu' });
  });
});
