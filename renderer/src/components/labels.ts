/** Words and colours shared by every screen: one name and one colour per concept. */
import type { BottleneckLabel } from '../../../electron/shared/analysis.js';
import type { SessionStatus } from '../../../electron/shared/session.js';

export const LABEL_TEXT: Record<BottleneckLabel, string> = {
  compute: 'compute',
  'memory-bandwidth': 'memory bandwidth',
  'memory-capacity': 'memory capacity',
  storage: 'storage',
  communication: 'communication',
  underutilised: 'underutilised',
};

/** The palette variable of a bottleneck class (theme.css). */
export const labelColor = (label: BottleneckLabel) => `var(--${label})`;

export const STATUS_TEXT: Record<SessionStatus, string> = {
  running: 'running',
  complete: 'complete',
  failed: 'failed',
  incomplete: 'incomplete',
  cancelled: 'cancelled',
};

/** What a phase (or a profile progress step) is called on screen. */
export const PHASE_TEXT: Record<string, string> = {
  spawn: 'Worker start-up',
  read: 'Reading the model',
  create: 'Creating the session',
  warmup: 'Warm-up',
  runs: 'Measured runs',
  sweep: 'Thread sweep',
  generate: 'Generation',
  prefill: 'Prefill',
  decode: 'Decode',
};

export const phaseText = (phase: string) =>
  phase.startsWith('op:') ? `${phase.slice(3)} ops` : (PHASE_TEXT[phase] ?? phase);

/** The last path segment, for headers and lists where the full path is in the tooltip. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
