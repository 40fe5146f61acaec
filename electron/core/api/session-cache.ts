/**
 * Finished sessions' summaries, kept while their session.json is unchanged. Opening one
 * session in the app asks for it several times (open, analyse, the series' status, the
 * sessions list), and a long session's summary is megabytes of JSON checked with zod on
 * every read: on the bench's 1-hour session that was most of the first open's second.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileResult } from '../../shared/session.js';
import { loadSession, SUMMARY_FILE } from '../recording/store.js';

interface Entry {
  stamp: string;
  result: ProfileResult;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly root: string) {}

  /** Throws like `loadSession` (session-not-found, session-invalid). */
  get(id: string): ProfileResult {
    const stamp = this.stamp(id);
    const hit = stamp ? this.entries.get(id) : undefined;
    if (hit && hit.stamp === stamp) return hit.result;
    const { result } = loadSession(this.root, id);
    // Only a written summary is final; a running or cut-short session is rebuilt from its journal each time.
    if (stamp) this.entries.set(id, { stamp, result });
    else this.entries.delete(id);
    return result;
  }

  /** Every readable session, newest first; unreadable folders are skipped as `listSessions` does. */
  list(): ProfileResult[] {
    let names: string[];
    try {
      names = readdirSync(this.root, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return []; // no sessions folder yet
    }
    const results = names.flatMap((id) => {
      try {
        return [this.get(id)];
      } catch {
        return []; // a folder that is not a session (or is damaged beyond reading) is not listed.
      }
    });
    for (const id of this.entries.keys()) if (!names.includes(id)) this.entries.delete(id);
    return results.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  private stamp(id: string): string | null {
    try {
      const stat = statSync(join(this.root, id, SUMMARY_FILE));
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return null; // no summary (yet): not cacheable
    }
  }
}
