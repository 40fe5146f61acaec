/** Stored sessions, newest first: click one to open it; delete asks once more. */
import type { SessionSummary } from '../../../../electron/shared/api.js';
import { formatMs } from '../../../../electron/shared/format.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { formatDate, formatPerSec } from '../../components/format.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { Panel, StatusBadge } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';

export function RecentSessions() {
  const actions = useActions();
  const sessions = useAppState((s) => s.sessions);
  const currentId = useAppState((s) => s.sessionId);

  const columns: Column<SessionSummary>[] = [
    {
      key: 'status',
      label: 'Status',
      render: (s) => <StatusBadge status={s.status} />,
      sortValue: (s) => s.status,
    },
    {
      key: 'model',
      label: 'Model',
      render: (s) => (
        <span className="nowrap" title={s.error ? `${s.modelPath}\n${s.error.message}` : s.modelPath}>
          {s.modelName}
          {s.llm && <span className="tag">LLM</span>}
          {s.sessionId === currentId && <span className="tag accent">open</span>}
        </span>
      ),
      sortValue: (s) => s.modelName,
    },
    {
      key: 'p50',
      label: 'p50',
      align: 'right',
      render: (s) => formatMs(s.latencyP50Ms),
      sortValue: (s) => s.latencyP50Ms,
    },
    {
      key: 'throughput',
      label: 'Throughput',
      align: 'right',
      render: (s) => formatPerSec(s.throughputPerSec),
      sortValue: (s) => s.throughputPerSec,
    },
    {
      key: 'started',
      label: 'Started',
      align: 'right',
      render: (s) => <span title={s.startedAt}>{formatDate(s.startedAt)}</span>,
      sortValue: (s) => s.startedAt,
    },
    {
      key: 'delete',
      label: '',
      render: (s) => (
        <ConfirmButton
          label="Delete"
          confirmLabel="Really delete?"
          disabled={s.status === 'running'}
          title={s.status === 'running' ? 'A running session cannot be deleted' : 'Delete this session from disk'}
          onConfirm={() => void actions.deleteSession(s.sessionId)}
          testId="session-delete"
        />
      ),
    },
  ];

  return (
    <Panel
      title="Recent sessions"
      testId="recent-sessions"
      className="fill"
      actions={
        <button type="button" className="btn ghost small" onClick={() => void actions.refreshSessions()}>
          Refresh
        </button>
      }
    >
      {sessions.error && <ErrorBox error={sessions.error} />}
      {sessions.data === null && sessions.loading && <Loading label="Listing sessions…" />}
      {sessions.data && (
        <DataTable
          columns={columns}
          rows={sessions.data}
          rowKey={(s) => s.sessionId}
          onRowClick={(s) => void actions.openSession(s.sessionId)}
          empty="No sessions yet: open a model and run a profile; it will be listed here."
          testId="sessions-table"
        />
      )}
    </Panel>
  );
}
