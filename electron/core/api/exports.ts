/** Sessions as files to save: the API's `exportSession` and `exportComparison`. */
import type { ExportedFile, ExportFormat } from '../../shared/api.js';
import { DynoError } from '../../shared/errors.js';
import type { SessionCache } from './session-cache.js';

export interface ExportContext {
  /** The sessions root. */
  root: string;
  sessions: SessionCache;
}

export async function exportSession(context: ExportContext, id: string, format: ExportFormat): Promise<ExportedFile> {
  const result = context.sessions.get(id);
  if (format === 'json')
    return {
      fileName: `${id}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(result, null, 2)}\n`,
      encoding: 'utf8',
    };
  throw new DynoError('usage', `Export to ${format} is being built (issue 6); use json for now.`);
}

export async function exportComparison(context: ExportContext, a: string, b: string): Promise<ExportedFile> {
  context.sessions.get(a);
  context.sessions.get(b);
  throw new DynoError('usage', 'The HTML compare report is being built (issue 6).');
}
