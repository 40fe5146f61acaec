/**
 * The IPC channel names between the desktop main process and its preload. They live
 * beside the preload because a sandboxed preload is bundled from its own folder and
 * electron/shared only; main imports them from here.
 */

/** Renderer → main, invoke: one `RequestMessage` of the `ProfilerApi`, answered by `dispatch`. */
export const API_CALL = 'modeldyno:call';
/** Main → renderer: one `EventMessage` of the `ProfilerApi`. */
export const API_EVENT = 'modeldyno:event';

/** Renderer → main, invoke: the `DesktopShell` methods that need the main process. */
export const SHELL_OPEN_MODEL_DIALOG = 'modeldyno:shell:open-model-dialog';
export const SHELL_SAVE_FILE = 'modeldyno:shell:save-file';
export const SHELL_RECENT_MODELS = 'modeldyno:shell:recent-models';
export const SHELL_PRINT_REPORT_PDF = 'modeldyno:shell:print-report-pdf';

/** Main → renderer: a model path to open (recent menu, file association, second instance). */
export const OPEN_MODEL = 'modeldyno:open-model';
/** Main → renderer: a `MenuCommand`. */
export const MENU_COMMAND = 'modeldyno:menu';
