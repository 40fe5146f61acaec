/** Stored compression experiments, newest first: click one to open it. */
import type { CompressionSummary } from '../../../../electron/shared/compress.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { formatDate } from '../../components/format.js';
import { EmptyState, ErrorBox, Loading } from '../../components/states.js';
import { Panel, StatusBadge } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';

export function ExperimentList() {
  const actions = useActions();
  const list = useAppState((s) => s.compress.list);

  const columns: Column<CompressionSummary>[] = [
    {
      key: 'status',
      label: 'Status',
      render: (e) => <StatusBadge status={e.status} />,
      sortValue: (e) => e.status,
    },
    {
      key: 'model',
      label: 'Model',
      render: (e) => (
        <span className="nowrap" title={e.modelPath}>
          {e.modelName}
        </span>
      ),
      sortValue: (e) => e.modelName,
    },
    {
      key: 'variants',
      label: 'Variants',
      render: (e) => <span className="compress-variant-list">{e.variants.join(', ')}</span>,
    },
    {
      key: 'profiled',
      label: 'Profiled',
      render: (e) => (e.baselineSessionId ? 'yes' : <span className="muted">no</span>),
    },
    {
      key: 'created',
      label: 'Created',
      align: 'right',
      render: (e) => <span title={e.createdAt}>{formatDate(e.createdAt)}</span>,
      sortValue: (e) => e.createdAt,
    },
  ];

  return (
    <Panel
      title="Experiments"
      testId="compress-list"
      actions={
        <button
          type="button"
          className="btn ghost small"
          onClick={() => void actions.refreshCompressions()}
          title="Read the list again"
        >
          ↻
        </button>
      }
    >
      {list.error && <ErrorBox error={list.error} title="The experiments could not be listed" />}
      {!list.data && list.loading && <Loading label="Listing experiments…" />}
      {list.data && list.data.length === 0 && (
        <EmptyState title="No experiments yet" testId="compress-list-empty">
          Start one with the form: each variant is made from the model, its outputs compared with the original's on the
          same seeded inputs, and (when profiled) its load, latency and memory measured beside the original's. CLI:{' '}
          <code>modeldyno compress models/mlp.onnx --to int8,int4 --compare</code>.
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <DataTable
          columns={columns}
          rows={list.data}
          rowKey={(e) => e.id}
          onRowClick={(e) => void actions.openCompression(e.id)}
          testId="compress-experiments"
        />
      )}
    </Panel>
  );
}
