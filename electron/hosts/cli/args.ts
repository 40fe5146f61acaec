/** Turns `modeldyno profile` flags into validated settings; every mistake is a usage error. */
import { parseArgs } from 'node:util';
import { DynoError } from '../../shared/errors.js';
import { defaultSettings, GraphOptimization, ProfileSettings } from '../../shared/session.js';
import { parseDimList } from '../../core/inference/dims.js';

export const PROFILE_OPTIONS = {
  runs: { type: 'string' },
  warmup: { type: 'string' },
  duration: { type: 'string' },
  threads: { type: 'string' },
  'inter-threads': { type: 'string' },
  opt: { type: 'string' },
  ep: { type: 'string' },
  dim: { type: 'string', multiple: true },
  hz: { type: 'string' },
  'no-op-profile': { type: 'boolean' },
  cold: { type: 'boolean' },
  'no-calibrate': { type: 'boolean' },
  'sweep-threads': { type: 'string' },
  llm: { type: 'string' },
  'prompt-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  batch: { type: 'string' },
  repetitions: { type: 'string' },
  'create-timeout': { type: 'string' },
  'run-timeout': { type: 'string' },
  'memory-cap': { type: 'string' },
  sessions: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface ProfileArgs {
  modelPath: string;
  settings: ProfileSettings;
  sessionsDir: string | undefined;
  json: boolean;
  /** Calibrate this machine first when no profile is cached (`--no-calibrate` skips it). */
  calibrate: boolean;
}

export function parseProfileArgs(argv: string[]): ProfileArgs {
  const { values, positionals } = parseStrict(argv, PROFILE_OPTIONS);
  if (positionals.length !== 1)
    throw new DynoError('usage', 'profile takes exactly one model path: modeldyno profile <model.onnx> [options]');
  const num = (flag: string, text: string | undefined, fallback: number, integer = true) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new DynoError('usage', `--${flag} needs a ${integer ? 'whole ' : ''}number, not "${text}".`);
    }
    return value;
  };
  const list = (flag: string, text: string | undefined, fallback: number[]) =>
    text === undefined
      ? fallback
      : text
          .split(',')
          .filter((t) => t.trim() !== '')
          .map((t) => num(flag, t, 1));
  const opt = values.opt === undefined ? defaultSettings.graphOptimization : GraphOptimization.safeParse(values.opt);
  if (typeof opt !== 'string' && !opt.success)
    throw new DynoError('usage', `--opt must be one of ${GraphOptimization.options.join(', ')}.`);
  const dims: Record<string, number> = {};
  for (const entry of values.dim ?? []) Object.assign(dims, parseDimList(entry));
  const candidate = {
    ...defaultSettings,
    runs: num('runs', values.runs, defaultSettings.runs),
    warmup: num('warmup', values.warmup, defaultSettings.warmup),
    durationS: values.duration === undefined ? null : num('duration', values.duration, 0, false),
    intraOpThreads: num('threads', values.threads, defaultSettings.intraOpThreads),
    interOpThreads: num('inter-threads', values['inter-threads'], defaultSettings.interOpThreads),
    graphOptimization: typeof opt === 'string' ? opt : opt.data,
    executionProvider: values.ep ?? defaultSettings.executionProvider,
    dims,
    hz: num('hz', values.hz, defaultSettings.hz, false),
    opProfile: !values['no-op-profile'],
    cold: values.cold ?? false,
    createTimeoutMs:
      num('create-timeout', values['create-timeout'], defaultSettings.createTimeoutMs / 1000, false) * 1000,
    runTimeoutMs: num('run-timeout', values['run-timeout'], defaultSettings.runTimeoutMs / 1000, false) * 1000,
    memoryCapBytes:
      values['memory-cap'] === undefined ? defaultSettings.memoryCapBytes : sizeBytes(values['memory-cap']),
    sweepThreads: list('sweep-threads', values['sweep-threads'], []),
    llm: llmMode(values.llm),
    promptTokens: list('prompt-tokens', values['prompt-tokens'], defaultSettings.promptTokens),
    outputTokens: list('output-tokens', values['output-tokens'], defaultSettings.outputTokens),
    batch: list('batch', values.batch, defaultSettings.batch),
    repetitions: num('repetitions', values.repetitions, defaultSettings.repetitions),
  };
  const checked = ProfileSettings.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new DynoError(
      'usage',
      `Invalid setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'out of range'}.`,
    );
  }
  return {
    modelPath: positionals[0]!,
    settings: checked.data,
    sessionsDir: values.sessions,
    json: values.json ?? false,
    calibrate: !values['no-calibrate'],
  };
}

function llmMode(text: string | undefined): ProfileSettings['llm'] {
  if (text === undefined) return defaultSettings.llm;
  if (text === 'auto' || text === 'on' || text === 'off') return text;
  throw new DynoError('usage', `--llm must be auto, on or off, not "${text}".`);
}

const SIZE_UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** `512M`, `1.5G`, `2GB`, `800MiB` or plain bytes; units are binary (1M = 1024² bytes). */
export function sizeBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2]!.toUpperCase()]!) : Number.NaN;
  if (!(bytes > 0))
    throw new DynoError('usage', `--memory-cap needs a size such as 512M, 4G or 2048 (bytes), not "${text}".`);
  return bytes;
}

type Options = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? O : never) : never;

/** parseArgs with its errors turned into usage errors that name the flag. */
export function parseStrict<O extends NonNullable<Options>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new DynoError('usage', (err as Error).message);
  }
}
