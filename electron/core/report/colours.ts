/**
 * The palette of renderer/src/theme.css, so a report's bands and legends use the colours
 * the app uses for the same bottleneck class or phase.
 */
import type { BottleneckLabel } from '../../shared/analysis.js';

export const LABEL_COLOURS: Readonly<Record<BottleneckLabel, string>> = {
  compute: '#ff7a45',
  'memory-bandwidth': '#b07cff',
  'memory-capacity': '#ff4d8d',
  storage: '#f0c000',
  communication: '#35c3d9',
  underutilised: '#8c94a6',
};

export const PHASE_COLOURS: Readonly<Record<string, string>> = {
  spawn: '#6f7a91',
  read: '#f0c000',
  create: '#9b8cff',
  warmup: '#8c94a6',
  runs: '#4cc38a',
  sweep: '#35a7ff',
  generate: '#ff7a45',
  prefill: '#ff9f45',
  decode: '#e05cff',
};

/** Lines of a chart, in order; the light theme's accent first. */
export const SERIES_COLOURS = ['#1f6fd1', '#ff7a45', '#1f9d63', '#b07cff', '#d93f3f', '#35c3d9', '#b7830f', '#5d6475'];

export const colourOfLabel = (label: string): string => LABEL_COLOURS[label as BottleneckLabel] ?? '#8c94a6';
export const colourOfPhase = (phase: string): string => PHASE_COLOURS[phase] ?? '#8c94a6';
