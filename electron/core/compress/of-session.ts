/**
 * The newest compression experiment whose original is a given session, as its view: what
 * the report's Compression section and the API's measured recommendations start from.
 */
import type { CompressionView } from '../../shared/compress.js';
import { loadSession } from '../recording/store.js';
import { compressionsRoot, listExperiments } from './store.js';
import { compressionView, type SessionLookup } from './view.js';

/**
 * Experiments that cannot be read are skipped by `listExperiments`, and any other failure
 * gives null: a damaged experiment folder must not cost the user the session's report or
 * analysis.
 */
export function compressionOfSession(
  sessionsRoot: string,
  sessionId: string,
  lookup: SessionLookup = storedSession(sessionsRoot),
): CompressionView | null {
  try {
    const experiment = listExperiments(compressionsRoot(sessionsRoot)).find((e) => e.baselineSessionId === sessionId);
    return experiment ? compressionView(experiment, lookup) : null;
  } catch {
    // e.g. the folder unreadable (permissions).
    return null;
  }
}

/** A session from disk, or null when it was deleted or damaged since (its row then says n/a). */
export function storedSession(sessionsRoot: string): SessionLookup {
  return (id) => {
    try {
      return loadSession(sessionsRoot, id).result;
    } catch {
      return null;
    }
  };
}
