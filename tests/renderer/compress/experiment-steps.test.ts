import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../electron/shared/api.js';
import {
  compressProgressFraction,
  compressProgressText,
  plannedSteps,
  stepStates,
} from '../../../renderer/src/features/compress/experiment-steps.js';

const progress = (step: string, done: number, total: number | null): ProgressEvent => ({
  task: 'compress',
  sessionId: null,
  experimentId: 'compress-x',
  step,
  done,
  total,
});

describe("a running experiment's steps", () => {
  it('makes and checks every variant, then profiles the original, each variant and the original again', () => {
    expect(plannedSteps(['int8', 'int4:32'], true)).toEqual([
      'build int8',
      'fidelity int8',
      'build int4:32',
      'fidelity int4:32',
      'profile fp32',
      'profile int8',
      'profile int4:32',
      'profile fp32 again',
    ]);
    expect(plannedSteps(['int8'], false)).toEqual(['build int8', 'fidelity int8']);
  });

  it('marks the steps done, the current one and those to come from the newest event', () => {
    const states = stepStates(['int8', 'int4:32'], progress('profile fp32', 4, 8));
    expect(states?.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current', 'todo', 'todo', 'todo']);
    expect(states?.[4]?.step).toBe('profile fp32');
  });

  it('follows an experiment stored before the original was profiled twice', () => {
    const states = stepStates(['int8'], progress('profile int8', 3, 4));
    expect(states?.map((s) => s.step).at(-1)).toBe('profile int8');
  });

  it('finds the plan without profiling from the count', () => {
    expect(stepStates(['int8'], progress('fidelity int8', 1, 2))?.map((s) => s.step)).toEqual([
      'build int8',
      'fidelity int8',
    ]);
  });

  it('marks every step done once the experiment has ended', () => {
    expect(stepStates(['int8'], progress('complete', 5, 5))?.every((s) => s.state === 'done')).toBe(true);
  });

  it('lists no steps when the count is not one it plans for', () => {
    expect(stepStates(['int8'], progress('build int8', 0, 9))).toBeNull();
    expect(stepStates(['int8'], null)).toBeNull();
  });

  it('reads the step and its count under the bar', () => {
    expect(compressProgressText(progress('build int4:32', 2, 11))).toBe('build int4:32 · 2 / 11');
    expect(compressProgressText(progress('cancelled', 11, 11))).toBe('cancelled');
    expect(compressProgressText(null)).toBe('Starting…');
    expect(compressProgressFraction(progress('profile int8', 5, 10))).toBe(0.5);
    expect(compressProgressFraction(progress('profile int8', 5, null))).toBeNull();
  });
});
