/**
 * The Compression screen: `#/compress` starts an experiment and lists the stored ones,
 * `#/compress/<id>` shows one (ExperimentView).
 */
import { useEffect } from 'react';
import type { ProfilerApi } from '../../../../electron/shared/api.js';
import type { DesktopShell } from '../../../../electron/shared/shell.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { ExperimentList } from './ExperimentList.js';
import { ExperimentView } from './ExperimentView.js';
import { NewExperimentForm } from './NewExperimentForm.js';

function RunningBanner() {
  const actions = useActions();
  const running = useAppState((s) => s.compress.list.data?.find((e) => e.status === 'running'));
  if (!running) return null;
  return (
    <div className="banner info" role="status" data-testid="compress-running-banner">
      An experiment on {running.modelName} is running ({running.variants.join(', ')}); one runs at a time.
      <button type="button" className="btn small" onClick={() => void actions.openCompression(running.id)}>
        Open it
      </button>
    </div>
  );
}

function Home(props: { api: ProfilerApi; shell: DesktopShell | undefined }) {
  const busy = useAppState((s) => s.compress.list.data?.some((e) => e.status === 'running') ?? false);
  return (
    <div className="screen compress" data-testid="screen-compress">
      <header className="screen-title">
        <h1>Compression</h1>
        <span className="muted">
          int8, int4 and fp16 variants and pruning, profiled beside the original with their accuracy cost
        </span>
      </header>
      <RunningBanner />
      <div className="compress-home">
        <NewExperimentForm api={props.api} shell={props.shell} busy={busy} />
        <ExperimentList />
      </div>
    </div>
  );
}

export function CompressionScreen(props: { api: ProfilerApi; shell: DesktopShell | undefined }) {
  const actions = useActions();
  const experimentId = useAppState((s) => s.compress.experimentId);
  // Another client of the host may have started or ended experiments since the list was read.
  useEffect(() => {
    void actions.refreshCompressions();
  }, [actions]);
  return experimentId ? <ExperimentView experimentId={experimentId} /> : <Home api={props.api} shell={props.shell} />;
}
