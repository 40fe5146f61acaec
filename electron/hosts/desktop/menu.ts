/** Installs the application menu built from menu-template.ts; called again when the recent list changes. */
import { Menu } from 'electron';
import { menuTemplate, type MenuActions, type MenuContext } from './menu-template.js';

export function installMenu(context: MenuContext, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(context, actions)));
}
