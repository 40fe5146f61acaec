/** The memory cap of a session: the user's, or a share of this machine's physical memory. */
import { totalmem } from 'node:os';
import type { ProfileSettings } from '../../shared/session.js';

/** Without a cap of the user's, the worker may use this share of physical memory. */
export const DEFAULT_MEMORY_CAP_SHARE = 0.9;

export function memoryCapBytes(settings: Pick<ProfileSettings, 'memoryCapBytes'>): number {
  return settings.memoryCapBytes ?? Math.floor(totalmem() * DEFAULT_MEMORY_CAP_SHARE);
}

/** `1.50 GB` (binary gigabytes, as `--memory-cap 1.5G` reads them). */
export function gb(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GB`;
}
