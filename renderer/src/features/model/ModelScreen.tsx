/** Model: what the graph says about itself, before any run. */
import type { ModelOverview } from '../../../../electron/shared/api.js';
import { formatBytes, formatCount, formatFlops } from '../../../../electron/shared/format.js';
import { baseName } from '../../components/labels.js';
import { EmptyState, ErrorBox, Loading } from '../../components/states.js';
import { Panel, Stat, StatGrid } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { OpHistogram } from './OpHistogram.js';
import { TensorTable } from './TensorTable.js';

export function ModelScreen() {
  const actions = useActions();
  const path = useAppState((s) => s.modelPath);
  const model = useAppState((s) => s.model);
  const goStart = (
    <button type="button" className="btn" onClick={() => actions.show('start')}>
      Choose a model
    </button>
  );

  let body;
  if (!path) body = <EmptyState title="No model open" action={goStart} />;
  else if (model.error) body = <ErrorBox error={model.error} action={goStart} />;
  else if (!model.data) body = <Loading label={`Reading ${baseName(path)}…`} />;
  else body = <Overview model={model.data} />;

  return (
    <div className="screen" data-testid="screen-model">
      {path && (
        <div className="screen-title">
          <h1>{baseName(path)}</h1>
          <code className="muted" title={path}>
            {path}
          </code>
        </div>
      )}
      {body}
    </div>
  );
}

function flopsText(model: ModelOverview): string {
  return model.flopsPerRun === null ? 'after a profile' : formatFlops(model.flopsPerRun);
}

function Overview(props: { model: ModelOverview }) {
  const actions = useActions();
  const m = props.model;
  const opTypes = Object.keys(m.opCounts).length;
  const metadata = Object.entries(m.metadata);
  return (
    <>
      <StatGrid testId="model-stats">
        <Stat
          label="File size"
          value={formatBytes(m.sizeBytes)}
          hint={m.externalData ? 'plus external data files' : undefined}
        />
        <Stat
          label="Parameters"
          value={formatCount(m.parameterCount)}
          hint={`${m.parameterCount.toLocaleString()} weights`}
        />
        <Stat label="Weights" value={formatBytes(m.parameterBytes)} />
        <Stat label="Nodes" value={`${m.nodeCount}`} hint={`${opTypes} op types`} />
        <Stat
          label="FLOPs / run"
          value={flopsText(m)}
          hint={
            m.flopsFromSessionId
              ? `from session ${m.flopsFromSessionId}: the shapes seen at run time`
              : 'FLOPs depend on the shapes seen at run time; they appear once a session of this file is analysed'
          }
        />
        <Stat label="Producer" value={m.producer || 'unknown'} />
        <Stat label="IR version" value={String(m.irVersion)} />
        <Stat
          label="Opsets"
          value={m.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || 'none'}
          wide
        />
        {m.externalData && <Stat label="External data" value="yes" hint="weights in files beside the model" />}
      </StatGrid>
      <div className="two-col">
        <div className="col">
          <Panel title={`Inputs (${m.inputs.length})`}>
            <TensorTable tensors={m.inputs} testId="model-inputs" />
          </Panel>
          <Panel title={`Outputs (${m.outputs.length})`}>
            <TensorTable tensors={m.outputs} testId="model-outputs" />
          </Panel>
          {metadata.length > 0 && (
            <Panel title="Metadata">
              <table className="data-table">
                <tbody>
                  {metadata.map(([key, value]) => (
                    <tr key={key}>
                      <td className="mono">{key}</td>
                      <td className="wrap">{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          )}
          <div className="row-actions">
            <button
              type="button"
              className="btn primary"
              onClick={() => actions.show('run')}
              data-testid="model-to-run"
            >
              Set up a run →
            </button>
          </div>
        </div>
        <Panel title={`Op types (${opTypes})`}>
          <OpHistogram opCounts={m.opCounts} />
        </Panel>
      </div>
    </>
  );
}
