/**
 * The new-experiment form as the user types it (strings, so a half-typed number stays on
 * screen) and its translation into a `startCompression` request, checked with the
 * contract's own parsers (`parseSpec`, `ProfileSettings`) so the form refuses exactly
 * what the host would, beside the field that is wrong.
 */
import {
  DEFAULT_SPECS,
  parseSpec,
  specLabel,
  specText,
  type VariantSpec,
} from '../../../../electron/shared/compress.js';
import { defaultSettings, ProfileSettings } from '../../../../electron/shared/session.js';

/** The variants the form offers; prune takes its sparsity from its own field. */
export const VARIANT_CHOICES = [
  {
    text: 'int8',
    hint: 'MatMulInteger, a scale per column',
    detail: 'Per-column int8 MatMul/Gemm weights; activations quantized at run time (MatMulInteger form).',
  },
  {
    text: 'int4:32',
    hint: 'MatMulNBits, blocks of 32',
    detail: 'Block-wise 4-bit MatMul/Gemm weights (com.microsoft MatMulNBits), a scale per 32 weights.',
  },
  {
    text: 'int4:128',
    hint: 'MatMulNBits, blocks of 128',
    detail: 'Block-wise 4-bit weights, a scale per 128 weights: fewer scales, coarser.',
  },
  {
    text: 'fp16',
    hint: 'weights stored as float16',
    detail: 'Every float32 initializer stored as float16, cast back to float32 when the session is created.',
  },
  {
    text: 'prune',
    hint: 'compute stays dense',
    detail:
      'The smallest-magnitude share of each MatMul/Gemm weight set to zero. The file compresses better; the model still multiplies every zero.',
  },
] as const;

export type VariantChoice = (typeof VARIANT_CHOICES)[number]['text'];

export interface CompressForm {
  modelPath: string;
  variants: Record<VariantChoice, boolean>;
  /** Share of each weight set to zero, 0 < s < 1. */
  sparsity: string;
  /** Profile the original and each variant with the settings below (the CLI's `--compare`). */
  profile: boolean;
  runs: string;
  warmup: string;
  intraOpThreads: string;
  opProfile: boolean;
}

const DEFAULT_TEXTS = new Set(DEFAULT_SPECS.map(specText));

export function defaultCompressForm(modelPath: string): CompressForm {
  return {
    modelPath,
    variants: Object.fromEntries(VARIANT_CHOICES.map((c) => [c.text, DEFAULT_TEXTS.has(c.text)])) as Record<
      VariantChoice,
      boolean
    >,
    sparsity: '0.5',
    profile: true,
    runs: String(defaultSettings.runs),
    warmup: String(defaultSettings.warmup),
    intraOpThreads: String(defaultSettings.intraOpThreads),
    opProfile: defaultSettings.opProfile,
  };
}

/** The label of a choice as the table will name it: `int4 (block 32)`, `pruned 50 %`. */
export function choiceLabel(text: VariantChoice, sparsity: string): string {
  try {
    return specLabel(parseSpec(text === 'prune' ? `prune:${sparsity}` : text));
  } catch {
    return 'pruned';
  }
}

type NumberField = 'runs' | 'warmup' | 'intraOpThreads';
export type CompressErrors = Partial<Record<'modelPath' | 'variants' | 'sparsity' | NumberField, string>>;

export interface CompressRequest {
  modelPath: string;
  variants: string[];
  settings: Partial<ProfileSettings>;
  profile: boolean;
}

export type ParsedCompressForm = { ok: true; request: CompressRequest } | { ok: false; errors: CompressErrors };

function integer(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export function parseCompressForm(form: CompressForm): ParsedCompressForm {
  const errors: CompressErrors = {};
  if (form.modelPath.trim() === '') errors.modelPath = 'a model path on the host';
  const specs: VariantSpec[] = [];
  for (const choice of VARIANT_CHOICES) {
    if (!form.variants[choice.text]) continue;
    if (choice.text !== 'prune') {
      specs.push(parseSpec(choice.text));
      continue;
    }
    try {
      specs.push(parseSpec(`prune:${form.sparsity.trim()}`));
    } catch {
      errors.sparsity = 'a share between 0 and 1, e.g. 0.5';
    }
  }
  if (specs.length === 0 && !errors.sparsity) errors.variants = 'tick at least one variant';
  const numbers: Pick<ProfileSettings, NumberField> = {
    runs: integer(form.runs),
    warmup: integer(form.warmup),
    intraOpThreads: integer(form.intraOpThreads),
  };
  const settings: Partial<ProfileSettings> = { ...numbers, opProfile: form.opProfile };
  // The settings matter only when profiling; unchecked ones must not block a build-only experiment.
  if (form.profile) {
    const parsed = ProfileSettings.pick({ runs: true, warmup: true, intraOpThreads: true }).safeParse(numbers);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as NumberField;
        errors[field] ??= Number.isNaN(numbers[field]) ? 'a whole number' : issue.message;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      modelPath: form.modelPath.trim(),
      variants: specs.map(specText),
      settings: form.profile ? settings : {},
      profile: form.profile,
    },
  };
}

/**
 * The form as last stored (`JSON.parse` of what `localStorage` held, so anything), over
 * the defaults. Its model is the open one (`openModel`), else the one last used.
 */
export function restoreCompressForm(stored: unknown, openModel: string): CompressForm {
  const defaults = defaultCompressForm(openModel);
  if (!stored || typeof stored !== 'object') return defaults;
  const form = stored as Partial<CompressForm>;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  const variants = (form.variants && typeof form.variants === 'object' ? form.variants : {}) as Partial<
    Record<VariantChoice, unknown>
  >;
  return {
    modelPath: openModel || text(form.modelPath, ''),
    variants: Object.fromEntries(
      VARIANT_CHOICES.map((c) => [c.text, flag(variants[c.text], defaults.variants[c.text])]),
    ) as Record<VariantChoice, boolean>,
    sparsity: text(form.sparsity, defaults.sparsity),
    profile: flag(form.profile, defaults.profile),
    runs: text(form.runs, defaults.runs),
    warmup: text(form.warmup, defaults.warmup),
    intraOpThreads: text(form.intraOpThreads, defaults.intraOpThreads),
    opProfile: flag(form.opProfile, defaults.opProfile),
  };
}
