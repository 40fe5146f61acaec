/**
 * One compression experiment: while it runs, its steps and a Cancel; then the findings,
 * the side-by-side table, the charts and what each variant changed. A running
 * experiment is re-read as its progress events arrive (state/events.ts).
 */
import { useState } from 'react';
import type { ProgressEvent } from '../../../../electron/shared/api.js';
import type { CompressionView } from '../../../../electron/shared/compress.js';
import { baseName } from '../../components/labels.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { Panel, ProgressBar, StatusBadge } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { RecommendationCard } from '../bottlenecks/Findings.js';
import { CompressionCharts } from './CompressionCharts.js';
import { CompressionTable } from './CompressionTable.js';
import { chartRows, isProfiled, shownFindings, tableMetrics } from './compress-rows.js';
import { compressProgressFraction, compressProgressText, stepStates } from './experiment-steps.js';
import { VariantChanges } from './VariantChanges.js';

const ENDED_NOTE = {
  failed:
    'The experiment stopped on an error. What it made and measured before is kept; the failed step is marked in its row.',
  cancelled: 'The experiment was cancelled. What it made and measured before is kept.',
  incomplete: 'The experiment was cut short (its host stopped while it ran). What it made and measured before is kept.',
} as const;

function RunningPanel(props: { view: CompressionView; progress: ProgressEvent | null }) {
  const actions = useActions();
  const runs = useAppState((s) => s.compress.profileProgress);
  const { experiment } = props.view;
  const steps = stepStates(
    experiment.variants.map((v) => v.text),
    props.progress,
  );
  return (
    <Panel
      title="Running"
      testId="compress-running"
      actions={
        <button
          type="button"
          className="btn danger small"
          onClick={() => void actions.cancelCompression(experiment.id)}
          title="Stop after the current step; a running profile keeps what it recorded"
          data-testid="compress-cancel"
        >
          Cancel
        </button>
      }
    >
      <div className="compress-progress">
        <ProgressBar
          fraction={compressProgressFraction(props.progress)}
          label="experiment progress"
          testId="compress-progress"
        />
        <span className="small" data-testid="compress-step">
          {compressProgressText(props.progress)}
        </span>
      </div>
      {runs && (
        <div className="compress-progress">
          <ProgressBar
            fraction={runs.total ? Math.min(1, runs.done / runs.total) : 0}
            label="runs of the profile under way"
            testId="compress-profile-progress"
          />
          <span className="small muted">
            {runs.step} · {runs.done}
            {runs.total ? ` / ${runs.total}` : ''} runs
          </span>
        </div>
      )}
      {steps && (
        <ol className="live-steps compress-steps">
          {steps.map(({ step, state }) => (
            <li key={step} className={state}>
              <span className="step-mark">{state === 'done' ? '✓' : state === 'current' ? '●' : '○'}</span>
              {step}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function ExportButton(props: { experimentId: string; profiled: boolean; running: boolean }) {
  const actions = useActions();
  const [pending, setPending] = useState(false);
  const why = props.running
    ? 'The report is made once the experiment ends'
    : !props.profiled
      ? 'The report is the original’s session report: run the experiment with profiling to have one'
      : 'Save the original’s report with its Compression section as one self-contained HTML file';
  return (
    <button
      type="button"
      className="btn small"
      disabled={pending || props.running || !props.profiled}
      title={why}
      onClick={() => {
        setPending(true);
        void actions.exportCompression(props.experimentId).finally(() => setPending(false));
      }}
      data-testid="compress-export"
    >
      {pending ? 'Exporting…' : 'Export HTML report'}
    </button>
  );
}

function Experiment(props: { view: CompressionView; progress: ProgressEvent | null }) {
  const actions = useActions();
  const { view } = props;
  const { experiment } = view;
  const running = experiment.status === 'running';
  const progress = props.progress?.experimentId === experiment.id ? props.progress : null;
  const profiled = isProfiled(view, progress);
  const metrics = tableMetrics(view, profiled);
  const findings = shownFindings(view);
  const s = experiment.settings;
  return (
    <>
      <header className="screen-title compress-title">
        <h1>{baseName(experiment.modelPath)}</h1>
        <StatusBadge status={experiment.status} />
        <code title={experiment.modelPath}>{experiment.id}</code>
        <span className="compress-title-actions">
          <ExportButton
            experimentId={experiment.id}
            profiled={experiment.baselineSessionId !== null}
            running={running}
          />
          <ConfirmButton
            label="Delete"
            confirmLabel="Delete experiment?"
            disabled={running}
            title={
              running
                ? 'Cancel the experiment first'
                : 'Remove the experiment and its variant files; its profiled sessions stay'
            }
            onConfirm={() => void actions.deleteCompression(experiment.id)}
            testId="compress-delete"
          />
        </span>
      </header>
      <p className="muted small compress-settings-line">
        {profiled
          ? `Each model profiled with ${s.runs} measured runs after ${s.warmup} warm-up, ${s.intraOpThreads === 0 ? 'ORT’s default' : s.intraOpThreads} intra-op threads${s.opProfile ? ', op profiling on' : ''}; `
          : 'Not profiled: sizes and fidelity only; '}
        fidelity on the same seeded inputs for every model.
      </p>
      {running && <RunningPanel view={view} progress={progress} />}
      {experiment.status in ENDED_NOTE && (
        <div className="banner info" role="note" data-testid="compress-ended">
          {ENDED_NOTE[experiment.status as keyof typeof ENDED_NOTE]}
        </div>
      )}
      {findings.length > 0 && (
        <Panel title="Findings" testId="compress-findings">
          <ul className="compress-findings">
            {findings.map((finding) => (
              <li key={finding}>{finding}</li>
            ))}
          </ul>
        </Panel>
      )}
      <Panel title="Side by side">
        <CompressionTable view={view} metrics={metrics} running={running} />
      </Panel>
      <CompressionCharts rows={chartRows(view.rows)} llm={view.llm} profiled={profiled} />
      {profiled && !running && (
        <Panel title="What it recommends (measured here)" testId="compress-recommendations">
          {view.recommendations.length === 0 ? (
            <p className="muted">
              None: no variant was measurably faster or leaner here while keeping its outputs close to the original.
            </p>
          ) : (
            view.recommendations.map((r) => <RecommendationCard key={r.title} recommendation={r} />)
          )}
          {view.notRecommended.length > 0 && (
            <ul className="compress-not-recommended small" data-testid="compress-not-recommended">
              {view.notRecommended.map((r) => (
                <li key={r.text}>
                  <strong>Not {r.label}:</strong> {r.reason}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      )}
      <Panel title="What each variant changed">
        <VariantChanges variants={experiment.variants} />
      </Panel>
    </>
  );
}

export function ExperimentView(props: { experimentId: string }) {
  const actions = useActions();
  const view = useAppState((s) => s.compress.view);
  const progress = useAppState((s) => s.compress.progress);
  return (
    <div className="screen compress" data-testid="screen-compress" data-experiment={props.experimentId}>
      <nav className="compress-back">
        <button
          type="button"
          className="btn ghost small"
          onClick={() => void actions.openCompression(null)}
          data-testid="compress-back"
        >
          ← Experiments
        </button>
      </nav>
      {view.error && (
        <ErrorBox
          error={view.error}
          title={view.data ? 'The experiment could not be read again' : 'The experiment could not be opened'}
        />
      )}
      {!view.data && view.loading && <Loading label="Opening the experiment…" />}
      {view.data && view.data.experiment.id === props.experimentId && (
        <Experiment view={view.data} progress={progress} />
      )}
    </div>
  );
}
