/** How a ProgressEvent reads: the step's name and its count, and the bar's fill. */
import type { ProgressEvent } from '../../../electron/shared/api.js';
import { phaseText } from './labels.js';

export function progressText(progress: ProgressEvent | null): string {
  if (!progress) return 'Starting…';
  const count = progress.total === null ? `${progress.done}` : `${progress.done} / ${progress.total}`;
  return progress.done > 0 || progress.total !== null
    ? `${phaseText(progress.step)} · ${count}`
    : phaseText(progress.step);
}

/** Null when the total is not known in advance (a duration run): the bar is indeterminate. */
export function progressFraction(progress: ProgressEvent | null): number | null {
  if (!progress || progress.total === null || progress.total === 0) return null;
  return progress.done / progress.total;
}
