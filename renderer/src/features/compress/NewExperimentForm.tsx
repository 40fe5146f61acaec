/**
 * A new compression experiment: which model, which variants, and whether (and how) to
 * profile the original and each variant side by side. The model starts as the open one;
 * the bundled examples (and, in the desktop app, the native dialog) pick another.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { ExampleModel, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../../electron/shared/errors.js';
import type { DesktopShell } from '../../../../electron/shared/shell.js';
import { ErrorBox } from '../../components/states.js';
import { Field, Panel } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import {
  type CompressForm,
  choiceLabel,
  parseCompressForm,
  restoreCompressForm,
  VARIANT_CHOICES,
} from './compress-form.js';

const STORAGE_KEY = 'modeldyno.compressForm';

/** The last form used in this browser, so a second experiment starts where the first left off. */
function loadForm(modelPath: string): CompressForm {
  try {
    return restoreCompressForm(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'), modelPath);
  } catch {
    return restoreCompressForm(null, modelPath); // unreadable or blocked storage: the defaults
  }
}

function saveForm(form: CompressForm): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(form));
  } catch {
    // Storage full or disabled: the form still works, it just is not remembered.
  }
}

function useExamples(api: ProfilerApi): ExampleModel[] {
  const [examples, setExamples] = useState<ExampleModel[]>([]);
  useEffect(() => {
    let live = true;
    // Without examples the path field still works: a failure here only hides the shortcuts.
    api.examples().then(
      (list) => live && setExamples(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return examples;
}

export function NewExperimentForm(props: { api: ProfilerApi; shell: DesktopShell | undefined; busy: boolean }) {
  const actions = useActions();
  const openModel = useAppState((s) => s.modelPath ?? s.result.data?.model.path ?? '');
  // A variant opened from an experiment's row is not what one compresses next: its original (stored) is.
  const startModel = /[\\/]\.compressions[\\/]/.test(openModel) ? '' : openModel;
  const [form, setFormState] = useState<CompressForm>(() => loadForm(startModel));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const examples = useExamples(props.api);
  const parsed = useMemo(() => parseCompressForm(form), [form]);
  const errors = parsed.ok ? {} : parsed.errors;

  const set = (patch: Partial<CompressForm>) => {
    const next = { ...form, ...patch };
    saveForm(next);
    setFormState(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok || starting) return;
    setStarting(true);
    setError(null);
    void actions.startCompression(parsed.request).then((refusal) => {
      setStarting(false);
      setError(refusal);
    });
  };
  const chooseFile = async () => {
    const path = await props.shell?.openModelDialog();
    if (path) set({ modelPath: path });
  };

  return (
    <Panel title="New experiment" testId="compress-form">
      <form className="compress-form" onSubmit={submit}>
        <Field label="Model" hint="a path on the machine running the host">
          <div className="compress-model-row">
            <input
              className="input mono"
              value={form.modelPath}
              placeholder="/path/on/the/host/model.onnx"
              spellCheck={false}
              onChange={(e) => set({ modelPath: e.target.value })}
              data-testid="compress-model"
            />
            {props.shell && (
              <button type="button" className="btn small" onClick={() => void chooseFile()}>
                Choose…
              </button>
            )}
          </div>
        </Field>
        {examples.length > 0 && (
          <div className="compress-examples">
            <span className="muted small">Examples:</span>
            {examples.map((example) => (
              <button
                type="button"
                key={example.path}
                className={`btn ghost small${example.path === form.modelPath ? ' active' : ''}`}
                title={example.path}
                onClick={() => set({ modelPath: example.path })}
                data-testid={`compress-example-${example.name}`}
              >
                {example.name}
              </button>
            ))}
          </div>
        )}

        <fieldset className="compress-fieldset">
          <legend>Variants</legend>
          {VARIANT_CHOICES.map((choice) => (
            <div key={choice.text} className="compress-choice" title={choice.detail}>
              <label className="compress-choice-main">
                <input
                  type="checkbox"
                  checked={form.variants[choice.text]}
                  onChange={(e) => set({ variants: { ...form.variants, [choice.text]: e.target.checked } })}
                  data-testid={`compress-variant-${choice.text}`}
                />
                <span>{choiceLabel(choice.text, form.sparsity)}</span>
              </label>
              {choice.text === 'prune' && (
                <input
                  className={`input compress-sparsity${errors.sparsity ? ' invalid' : ''}`}
                  type="number"
                  min={0.05}
                  max={0.95}
                  step={0.05}
                  value={form.sparsity}
                  disabled={!form.variants.prune}
                  aria-label="prune sparsity"
                  title="The share of each weight set to zero, 0 < s < 1"
                  onChange={(e) => set({ sparsity: e.target.value })}
                  data-testid="compress-sparsity"
                />
              )}
              <span className="compress-choice-hint">
                <code>{choice.text}</code> · {choice.hint}
              </span>
            </div>
          ))}
          {errors.sparsity && <p className="field-error">Sparsity: {errors.sparsity}</p>}
          {errors.variants && <p className="field-error">{errors.variants}</p>}
        </fieldset>

        <fieldset className="compress-fieldset">
          <legend>Measurement</legend>
          <label
            className="compress-choice-main"
            title="The original and each variant, one after the other, with these settings (the CLI's --compare)"
          >
            <input
              type="checkbox"
              checked={form.profile}
              onChange={(e) => set({ profile: e.target.checked })}
              data-testid="compress-profile"
            />
            <span>Profile side by side</span>
            <span className="compress-choice-hint">the original, then each variant</span>
          </label>
          <div className="compress-settings">
            <Field label="Measured runs" error={errors.runs}>
              <input
                className="input"
                value={form.runs}
                disabled={!form.profile}
                onChange={(e) => set({ runs: e.target.value })}
                data-testid="compress-runs"
              />
            </Field>
            <Field label="Warm-up runs" error={errors.warmup}>
              <input
                className="input"
                value={form.warmup}
                disabled={!form.profile}
                onChange={(e) => set({ warmup: e.target.value })}
                data-testid="compress-warmup"
              />
            </Field>
            <Field label="Intra-op threads" error={errors.intraOpThreads} hint="0 lets ONNX Runtime choose">
              <input
                className="input"
                value={form.intraOpThreads}
                disabled={!form.profile}
                onChange={(e) => set({ intraOpThreads: e.target.value })}
                data-testid="compress-threads"
              />
            </Field>
          </div>
          <label
            className="compress-choice-main"
            title="ONNX Runtime's per-kernel timings of every profile, on each session's Ops screen"
          >
            <input
              type="checkbox"
              checked={form.opProfile}
              disabled={!form.profile}
              onChange={(e) => set({ opProfile: e.target.checked })}
              data-testid="compress-opProfile"
            />
            <span>Op profiling</span>
            <span className="compress-choice-hint">which kernels each variant swapped in</span>
          </label>
        </fieldset>

        {error && <ErrorBox error={error} title="The experiment did not start" />}
        <div className="compress-start">
          <button
            type="submit"
            className="btn primary"
            disabled={!parsed.ok || starting || props.busy}
            title={props.busy ? 'An experiment is running: wait for it or cancel it' : undefined}
            data-testid="compress-start"
          >
            {starting ? 'Starting…' : 'Start experiment'}
          </button>
          <span className="muted small">
            {parsed.ok
              ? `${parsed.request.variants.length} variant${parsed.request.variants.length === 1 ? '' : 's'}: made, checked against the original${parsed.request.profile ? ', then all profiled' : ''}.`
              : Object.keys(errors).length === 1 && errors.modelPath
                ? 'Name a model: type its path on the host or pick an example.'
                : 'Fix the marked fields to start.'}
          </span>
        </div>
      </form>
    </Panel>
  );
}
