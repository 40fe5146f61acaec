/**
 * A running experiment's steps as the screen lists them. The host reports each step as
 * it starts (`build int4:32`, `fidelity int8`, `profile fp32`) with how many are done;
 * the plan below follows the order the engine runs them in (every variant made and
 * checked, then the original, every variant and the original again profiled), so steps still to come are
 * listed too. When the host's count disagrees with the plan, only the bar is shown.
 */
import type { ProgressEvent } from '../../../../electron/shared/api.js';
import type { ExperimentStatus } from '../../../../electron/shared/compress.js';

/** The last event of an experiment carries its final status as its step. */
const FINAL_STEPS: ReadonlySet<string> = new Set<ExperimentStatus>(['complete', 'failed', 'cancelled', 'incomplete']);

export function isFinalStep(step: string): boolean {
  return FINAL_STEPS.has(step);
}

/**
 * The steps in the engine's order. `repeat`: the original is profiled once more after
 * the variants, to measure the machine's drift over the experiment.
 */
export function plannedSteps(variantTexts: readonly string[], profile: boolean, repeat = true): string[] {
  const make = variantTexts.flatMap((text) => [`build ${text}`, `fidelity ${text}`]);
  if (!profile) return make;
  const profiles = ['profile fp32', ...variantTexts.map((text) => `profile ${text}`)];
  return [...make, ...profiles, ...(repeat ? ['profile fp32 again'] : [])];
}

export type StepState = 'done' | 'current' | 'todo';

export interface PlannedStep {
  step: string;
  state: StepState;
}

/** Each planned step marked by the newest progress event; null when the plan does not match the host's count. */
export function stepStates(variantTexts: readonly string[], progress: ProgressEvent | null): PlannedStep[] | null {
  if (!progress || progress.total === null) return null;
  // Experiments stored before the repeat profile existed have one step fewer.
  const plan = [
    plannedSteps(variantTexts, true),
    plannedSteps(variantTexts, true, false),
    plannedSteps(variantTexts, false),
  ].find((steps) => steps.length === progress.total);
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
