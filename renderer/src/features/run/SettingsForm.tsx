/** The ProfileSettings form: one field per setting, errors from the contract's own schema beside each. */
import { GraphOptimization } from '../../../../electron/shared/session.js';
import type { FormErrors, RunForm } from '../../state/run-form.js';
import { Field } from '../../components/ui.js';

type TextField = {
  [K in keyof RunForm]: RunForm[K] extends string ? K : never;
}[keyof RunForm];
type BoolField = { [K in keyof RunForm]: RunForm[K] extends boolean ? K : never }[keyof RunForm];

const PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu', 'qnn'];

interface FormProps {
  form: RunForm;
  errors: FormErrors;
  dimNames: string[];
  disabled: boolean;
  onChange(form: RunForm): void;
}

export function SettingsForm(props: FormProps) {
  const { form, errors, disabled } = props;
  const set = (patch: Partial<RunForm>) => props.onChange({ ...form, ...patch });
  const text = (field: TextField, label: string, hint?: string, placeholder?: string) => (
    <Field label={label} hint={hint} error={errors[field]}>
      <input
        className="input"
        value={form[field]}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(event) => set({ [field]: event.target.value })}
        data-testid={`setting-${field}`}
      />
    </Field>
  );
  const check = (field: BoolField, label: string, hint: string) => (
    <label className="check" title={hint}>
      <input
        type="checkbox"
        checked={form[field]}
        disabled={disabled}
        onChange={(event) => set({ [field]: event.target.checked })}
        data-testid={`setting-${field}`}
      />
      <span>{label}</span>
      <span className="check-hint">{hint}</span>
    </label>
  );

  return (
    <div className="settings-form" data-testid="settings-form">
      <div className="form-col">
        <fieldset disabled={disabled}>
          <legend>Measurement</legend>
          <div className="segmented" role="radiogroup" aria-label="run for">
            {(['runs', 'duration'] as const).map((mode) => (
              <button
                type="button"
                key={mode}
                className={form.mode === mode ? 'active' : ''}
                onClick={() => set({ mode })}
                aria-pressed={form.mode === mode}
              >
                {mode === 'runs' ? 'Fixed runs' : 'Duration'}
              </button>
            ))}
          </div>
          <div className="field-row">
            {form.mode === 'runs'
              ? text('runs', 'Measured runs', 'inferences measured after the warm-up')
              : text('durationS', 'Duration (s)', 'run for this long (at least one run)')}
            {text('warmup', 'Warm-up runs', 'runs before measuring: allocation and kernel setup happen here')}
          </div>
          <div className="field-row">{text('hz', 'Sampling (Hz)', 'hardware samples per second, 1–100')}</div>
          {check('opProfile', 'Op profiling', "ONNX Runtime's per-kernel timings (Ops screen)")}
          {check('cold', 'Cold load', 'evict the model from the page cache before reading it')}
        </fieldset>
        <DimsFieldset {...props} />
      </div>
      <div className="form-col">
        <fieldset disabled={disabled}>
          <legend>Runtime</legend>
          <div className="field-row">
            {text('intraOpThreads', 'Intra-op threads', '0 lets ONNX Runtime choose (one per physical core)')}
            {text('interOpThreads', 'Inter-op threads', '0 lets ONNX Runtime choose')}
          </div>
          <div className="field-row">
            <Field label="Graph optimisation" error={errors.graphOptimization}>
              <select
                className="input"
                value={form.graphOptimization}
                onChange={(event) => set({ graphOptimization: GraphOptimization.parse(event.target.value) })}
                data-testid="setting-graphOptimization"
              >
                {GraphOptimization.options.map((level) => (
                  <option key={level}>{level}</option>
                ))}
              </select>
            </Field>
            <Field label="Execution provider" error={errors.executionProvider} hint="ONNX Runtime execution provider">
              <input
                className="input"
                list="execution-providers"
                value={form.executionProvider}
                onChange={(event) => set({ executionProvider: event.target.value })}
                data-testid="setting-executionProvider"
              />
              <datalist id="execution-providers">
                {PROVIDERS.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </Field>
          </div>
          {text(
            'sweepThreads',
            'Thread sweep',
            'after the measured runs, run again at each intra-op thread count',
            'e.g. 1, 2, 4, 8',
          )}
        </fieldset>

        <fieldset disabled={disabled}>
          <legend>Language-model generation</legend>
          <div className="segmented" role="radiogroup" aria-label="generation profiling">
            {(['auto', 'on', 'off'] as const).map((llm) => (
              <button
                type="button"
                key={llm}
                className={form.llm === llm ? 'active' : ''}
                onClick={() => set({ llm })}
                aria-pressed={form.llm === llm}
                title={llm === 'auto' ? "when the model has a decoder's inputs and outputs" : undefined}
              >
                {llm}
              </button>
            ))}
          </div>
          <div className="field-row">
            {text('promptTokens', 'Prompt tokens', 'one sweep row per value', 'e.g. 32, 128')}
            {text('outputTokens', 'Output tokens', 'one sweep row per value')}
          </div>
          <div className="field-row">
            {text('batch', 'Batch', 'one sweep row per value')}
            {text('repetitions', 'Repetitions', 'requests per combination')}
          </div>
        </fieldset>
      </div>
    </div>
  );
}

function DimsFieldset(props: FormProps) {
  const { form, errors, dimNames, disabled } = props;
  return (
    <fieldset disabled={disabled}>
      <legend>Symbolic dimensions</legend>
      {dimNames.length === 0 ? (
        <p className="muted small">The model's inputs have fixed shapes.</p>
      ) : (
        <div className="field-row wrap">
          {dimNames.map((name) => (
            <Field
              key={name}
              label={name}
              error={errors[`dims.${name}`]}
              hint="empty: the host picks a value (shown in the session)"
            >
              <input
                className="input"
                value={form.dims[name] ?? ''}
                placeholder="default"
                onChange={(event) => props.onChange({ ...form, dims: { ...form.dims, [name]: event.target.value } })}
                data-testid={`setting-dim-${name}`}
              />
            </Field>
          ))}
        </div>
      )}
    </fieldset>
  );
}
