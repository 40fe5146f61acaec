/**
 * The recent-models list: newest first, no duplicates, a few entries, kept as a small
 * JSON file in Electron's userData folder (passed in, so this file needs no Electron).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const RECENT_LIMIT = 10;

/** The list with `path` moved (or added) to the front, capped at `limit`. */
export function withRecent(list: readonly string[], path: string, limit = RECENT_LIMIT): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, limit);
}

/** The list a file holds; anything unreadable or malformed counts as empty, never as an error. */
function readList(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return []; // first launch, or a file damaged by hand: start a new list
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((entry): entry is string => typeof entry === 'string' && entry.length > 0)
    .slice(0, RECENT_LIMIT);
}

export class RecentModels {
  private list: string[];

  constructor(private readonly file: string) {
    this.list = readList(file);
  }

  entries(): string[] {
    return [...this.list];
  }

  /** Moves `path` to the front and saves; returns the new list. */
  add(path: string): string[] {
    this.list = withRecent(this.list, path);
    this.save();
    return this.entries();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  /** Written to a temporary file and renamed, so a crash mid-write leaves the old list. */
  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.list, null, 2));
    renameSync(temp, this.file);
  }
}
