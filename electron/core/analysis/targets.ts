/**
 * Targets for projections: catalogue ids, custom specs (`cpu:cores=16,…`), or this
 * machine at another thread count (`threads:4`), and the default set recommendations
 * are computed against.
 */
import { DynoError } from '../../shared/errors.js';
import { findTarget, parseCustomTarget } from './catalogue.js';
import type { TargetSpec } from './whatif.js';

/** One of each lever a practitioner pulls: a fast NVMe, more cores, a GPU, faster RAM. */
export const RECOMMENDATION_TARGETS = [
  'samsung-990-pro',
  'amd-ryzen-9-7950x',
  'amd-epyc-9654',
  'nvidia-rtx-4090',
  'ddr5-5600-dual-channel-32gb',
];

export function resolveTarget(text: string): TargetSpec {
  const threads = /^threads:(\d+)$/.exec(text);
  if (threads) {
    const n = Number(threads[1]);
    if (n < 1) throw new DynoError('usage', `--target ${text}: the thread count must be at least 1.`);
    return {
      id: `this-machine-${n}-threads`,
      name: `this machine with ${n} thread${n === 1 ? '' : 's'}`,
      kind: 'this-machine',
      threads: n,
    };
  }
  return text.includes(':') ? parseCustomTarget(text) : findTarget(text);
}

/** The default targets that exist in the catalogue (ids may change with its data). */
export function recommendationTargets(): TargetSpec[] {
  return RECOMMENDATION_TARGETS.flatMap((id) => {
    try {
      return [findTarget(id)];
    } catch {
      return []; // an id the catalogue no longer has is skipped, not fatal.
    }
  });
}
