/**
 * The Run setup form as the user types it (strings, so a half-typed number stays on
 * screen) and its translation into `ProfileSettings`, validated with the contract's
 * own zod schema so the form refuses exactly what the host would.
 */
import type { TensorInfo } from '../../../electron/shared/model.js';
import { defaultSettings, type GraphOptimization, ProfileSettings } from '../../../electron/shared/session.js';

/** Names of the symbolic dims of a model's inputs, in input order: one form field each. */
export function symbolicDimNames(inputs: TensorInfo[]): string[] {
  return [...new Set(inputs.flatMap((input) => input.shape.filter((dim): dim is string => typeof dim === 'string')))];
}

export interface RunForm {
  /** A fixed number of measured runs, or run for a duration. */
  mode: 'runs' | 'duration';
  runs: string;
  durationS: string;
  warmup: string;
  intraOpThreads: string;
  interOpThreads: string;
  graphOptimization: GraphOptimization;
  executionProvider: string;
  hz: string;
  opProfile: boolean;
  cold: boolean;
  /** Comma-separated thread counts; empty for no sweep. */
  sweepThreads: string;
  llm: ProfileSettings['llm'];
  promptTokens: string;
  outputTokens: string;
  batch: string;
  repetitions: string;
  /** Values of symbolic input dims by name; empty lets the host choose. */
  dims: Record<string, string>;
}

/** Field errors by form field name (`dims.<name>` for a dim). */
export type FormErrors = Record<string, string>;

export type ParsedForm = { ok: true; settings: Partial<ProfileSettings> } | { ok: false; errors: FormErrors };

const STORAGE_KEY = 'modeldyno.runForm';
const list = (values: number[]) => values.join(', ');

export function formFromSettings(settings: ProfileSettings): RunForm {
  return {
    mode: settings.durationS === null ? 'runs' : 'duration',
    runs: String(settings.runs),
    durationS: String(settings.durationS ?? 10),
    warmup: String(settings.warmup),
    intraOpThreads: String(settings.intraOpThreads),
    interOpThreads: String(settings.interOpThreads),
    graphOptimization: settings.graphOptimization,
    executionProvider: settings.executionProvider,
    hz: String(settings.hz),
    opProfile: settings.opProfile,
    cold: settings.cold,
    sweepThreads: list(settings.sweepThreads),
    llm: settings.llm,
    promptTokens: list(settings.promptTokens),
    outputTokens: list(settings.outputTokens),
    batch: list(settings.batch),
    repetitions: String(settings.repetitions),
    dims: Object.fromEntries(Object.entries(settings.dims).map(([name, value]) => [name, String(value)])),
  };
}

/** The last form used in this browser, so a second profile starts where the first left off. */
export function loadRunForm(): RunForm {
  const defaults = formFromSettings(defaultSettings);
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<RunForm> | null;
    return stored && typeof stored === 'object' ? { ...defaults, ...stored } : defaults;
  } catch {
    return defaults; // unreadable or blocked storage: start from the defaults
  }
}

export function saveRunForm(form: RunForm): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(form));
  } catch {
    // Storage full or disabled: the form still works, it just is not remembered.
  }
}

function number(text: string, field: string, errors: FormErrors): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (Number.isNaN(value)) errors[field] = 'a number';
  return value;
}

function numbers(text: string, field: string, errors: FormErrors): number[] {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  const values = parts.map(Number);
  if (values.some(Number.isNaN)) errors[field] = 'numbers separated by commas';
  return values;
}

/** Settings for `startProfile`, with only the dims the current model has. */
export function parseRunForm(form: RunForm, dimNames: string[]): ParsedForm {
  const errors: FormErrors = {};
  const dims: Record<string, number> = {};
  for (const name of dimNames) {
    const text = form.dims[name]?.trim() ?? '';
    if (text !== '') dims[name] = number(text, `dims.${name}`, errors);
  }
  const candidate: Partial<ProfileSettings> = {
    runs: number(form.runs, 'runs', errors),
    durationS: form.mode === 'duration' ? number(form.durationS, 'durationS', errors) : null,
    warmup: number(form.warmup, 'warmup', errors),
    intraOpThreads: number(form.intraOpThreads, 'intraOpThreads', errors),
    interOpThreads: number(form.interOpThreads, 'interOpThreads', errors),
    graphOptimization: form.graphOptimization,
    executionProvider: form.executionProvider.trim(),
    dims,
    hz: number(form.hz, 'hz', errors),
    opProfile: form.opProfile,
    cold: form.cold,
    sweepThreads: numbers(form.sweepThreads, 'sweepThreads', errors),
    llm: form.llm,
    promptTokens: numbers(form.promptTokens, 'promptTokens', errors),
    outputTokens: numbers(form.outputTokens, 'outputTokens', errors),
    batch: numbers(form.batch, 'batch', errors),
    repetitions: number(form.repetitions, 'repetitions', errors),
  };
  const parsed = ProfileSettings.partial().safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [root, key] = issue.path.map(String);
      const field = root === 'dims' && key !== undefined ? `dims.${key}` : (root ?? 'form');
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}
