/**
 * What the IPC handlers decide without Electron: which calls open a model (for the
 * recent list) and whether a file to save is well formed. Arguments from the renderer
 * are checked where they arrive, as `dispatch` does for the API.
 */
import type { ExportedFile } from '../../shared/api.js';
import type { ResponseMessage } from '../../shared/messages.js';

/** The model a successful `inspectModel` call opened, else null: every way of opening a model ends in one. */
export function openedModelPath(request: unknown, response: ResponseMessage | null): string | null {
  if (response === null || !response.ok) return null;
  if (typeof request !== 'object' || request === null) return null;
  const { method, args } = request as { method?: unknown; args?: unknown };
  if (method !== 'inspectModel' || !Array.isArray(args)) return null;
  const path: unknown = args[0];
  return typeof path === 'string' && path.length > 0 ? path : null;
}

const MAX_FILE_NAME = 255;

/** The file to save, or null when the argument is not one; the name is reduced to a bare file name. */
export function parseExportedFile(value: unknown): ExportedFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const { fileName, mimeType, content, encoding } = value as Record<string, unknown>;
  if (typeof fileName !== 'string' || typeof mimeType !== 'string' || typeof content !== 'string') return null;
  if (encoding !== 'utf8' && encoding !== 'base64') return null;
  // Only a suggestion for the dialog, but a name with folders in it would steer where it opens.
  const bare =
    fileName
      .split(/[\\/]/)
      .at(-1)
      ?.replace(/[\0<>:"|?*]/g, '_')
      .slice(0, MAX_FILE_NAME) ?? '';
  if (bare === '' || bare === '.' || bare === '..') return null;
  return { fileName: bare, mimeType, content, encoding };
}
