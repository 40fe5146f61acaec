/** Run setup: the settings of the next profile, start and cancel, progress, and the machine profile. */
import { useMemo } from 'react';
import type { PhaseName } from '../../../../electron/shared/session.js';
import { baseName, phaseText } from '../../components/labels.js';
import { progressFraction, progressText } from '../../components/progress.js';
import { EmptyState } from '../../components/states.js';
import { Kbd, MOD, Panel, ProgressBar } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { parseRunForm, type RunForm, symbolicDimNames } from '../../state/run-form.js';
import { CalibratePanel } from './CalibratePanel.js';
import { SettingsForm } from './SettingsForm.js';

/**
 * The steps this profile goes through. With `llm: auto` generation happens only for a
 * decoder, which the host decides: the step appears once the host reports it.
 */
function plannedSteps(form: RunForm, seen: Set<string>): PhaseName[] {
  const steps: PhaseName[] = ['read', 'create', 'warmup'];
  const generates = form.llm === 'on' || seen.has('generate');
  if (seen.has('runs') || !generates) steps.push('runs');
  if (form.sweepThreads.trim() !== '') steps.push('sweep');
  if (generates) steps.push('generate');
  return steps;
}

/** Each step of the running profile: done (its phase ended), current (the newest progress), or to come. */
function LiveSteps(props: { form: RunForm }) {
  const progress = useAppState((s) => s.progress);
  const phases = useAppState((s) => s.result.data?.phases);
  const done = new Set(phases?.map((phase) => phase.name));
  const seen = new Set([...done, ...(progress ? [progress.step] : [])]);
  return (
    <ol className="live-steps" data-testid="live-steps">
      {plannedSteps(props.form, seen).map((step) => {
        const state = progress?.step === step ? 'current' : done.has(step) ? 'done' : 'todo';
        return (
          <li key={step} className={state}>
            <span className="step-mark">{state === 'done' ? '✓' : state === 'current' ? '●' : '○'}</span>
            {phaseText(step)}
            {state === 'current' && progress && progress.total !== null && (
              <span className="muted">
                {' '}
                {progress.done} / {progress.total}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function RunControls(props: { ok: boolean; form: RunForm }) {
  const actions = useActions();
  const live = useAppState((s) => s.live);
  const starting = useAppState((s) => s.starting);
  const progress = useAppState((s) => s.progress);
  const modelPath = useAppState((s) => s.modelPath);
  return (
    <Panel title="Profile" testId="run-controls">
      <p className="small muted run-target" title={modelPath ?? undefined}>
        {modelPath ? baseName(modelPath) : 'no model'}
      </p>
      <div className="run-buttons">
        <button
          type="button"
          className="btn primary"
          disabled={!props.ok || live || starting}
          onClick={() => void actions.startProfile()}
          data-testid="run-start"
        >
          {starting ? 'Starting…' : 'Start profile'} <Kbd>{MOD}+Enter</Kbd>
        </button>
        <button
          type="button"
          className="btn danger"
          disabled={!live}
          onClick={() => void actions.cancelProfile()}
          data-testid="run-cancel"
        >
          Cancel <Kbd>Esc</Kbd>
        </button>
      </div>
      {!props.ok && <p className="field-error">Fix the marked settings to start.</p>}
      {live && (
        <div className="step-progress">
          <ProgressBar fraction={progressFraction(progress)} label="profile progress" testId="run-progress" />
          <span className="small">{progressText(progress)}</span>
          <LiveSteps form={props.form} />
        </div>
      )}
    </Panel>
  );
}

export function RunScreen() {
  const actions = useActions();
  const modelPath = useAppState((s) => s.modelPath);
  const inputs = useAppState((s) => s.model.data?.inputs);
  const form = useAppState((s) => s.form);
  const live = useAppState((s) => s.live);
  const dimNames = useMemo(() => symbolicDimNames(inputs ?? []), [inputs]);
  const parsed = useMemo(() => parseRunForm(form, dimNames), [form, dimNames]);

  if (!modelPath) {
    return (
      <div className="screen" data-testid="screen-run">
        <EmptyState
          title="No model open"
          action={
            <button type="button" className="btn" onClick={() => actions.show('start')}>
              Choose a model
            </button>
          }
        >
          Settings apply to the model you open.
        </EmptyState>
        <CalibratePanel />
      </div>
    );
  }
  return (
    <div className="screen run-screen" data-testid="screen-run">
      <SettingsForm
        form={form}
        errors={parsed.ok ? {} : parsed.errors}
        dimNames={dimNames}
        disabled={live}
        onChange={actions.setForm}
      />
      <div className="run-side">
        <RunControls ok={parsed.ok} form={form} />
        <CalibratePanel />
      </div>
    </div>
  );
}
