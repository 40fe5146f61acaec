/**
 * A running experiment's steps as the screen lists them. The host reports each step as
 * it starts (`build int4:32`, `fidelity int8`, `profile fp32`) with how many are done;
 * the plan below follows the order the engine runs them in (every variant made and
 * checked, then the original and every variant profiled), so steps still to come are
 * listed too. When the host's count disagrees with the plan, only the bar is shown.
 */
import type { ProgressEvent } from '../../../../electron/shared/api.js';
import type { ExperimentStatus } from '../../../../electron/shared/compress.js';

/** The last event of an experiment carries its final status as its step. */
const FINAL_STEPS: ReadonlySet<string> = new Set<ExperimentStatus>(['complete', 'failed', 'cancelled', 'incomplete']);

export function isFinalStep(step: string): boolean {
  return FINAL_STEPS.has(step);
}

export function plannedSteps(variantTexts: readonly string[], profile: boolean): string[] {
  const make = variantTexts.flatMap((text) => [`build ${text}`, `fidelity ${text}`]);
  const profiles = profile ? ['profile fp32', ...variantTexts.map((text) => `profile ${text}`)] : [];
  return [...make, ...profiles];
}

export type StepState = 'done' | 'current' | 'todo';

export interface PlannedStep {
  step: string;
  state: StepState;
}

/** Each planned step marked by the newest progress event; null when the plan does not match the host's count. */
export function stepStates(variantTexts: readonly string[], progress: ProgressEvent | null): PlannedStep[] | null {
  if (!progress || progress.total === null) return null;
  const plan = [true, false]
    .map((profile) => plannedSteps(variantTexts, profile))
    .find((steps) => steps.length === progress.total);
  if (!plan) return null;
  const final = isFinalStep(progress.step);
  return plan.map((step, i) => ({
    step,
    state: final || i < progress.done ? 'done' : i === progress.done ? 'current' : 'todo',
  }));
}

/** `build int4:32 · 3 / 11`, or the final status; `Starting…` before the first event. */
export function compressProgressText(progress: ProgressEvent | null): string {
  if (!progress) return 'Starting…';
  if (isFinalStep(progress.step)) return progress.step;
  return progress.total === null ? progress.step : `${progress.step} · ${progress.done} / ${progress.total}`;
}

export function compressProgressFraction(progress: ProgressEvent | null): number | null {
  if (!progress || progress.total === null || progress.total === 0) return null;
  return progress.done / progress.total;
}
