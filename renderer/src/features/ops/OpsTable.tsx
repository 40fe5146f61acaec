/** Every op type (or node) with its measured time and its analysed cost; n/a where either is missing. */
import type { ReactNode } from 'react';
import { formatBytes, formatFlops, formatMs, formatPct } from '../../../../electron/shared/format.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../components/format.js';
import { LabelChip } from '../../components/ui.js';
import type { OpGrouping, OpRow } from './op-rows.js';

function na(text: string, known: boolean | null): ReactNode {
  return known === false ? (
    <span className="muted" title="no cost formula for this op type">
      no formula
    </span>
  ) : (
    text
  );
}

export function OpsTable(props: { rows: OpRow[]; grouping: OpGrouping }) {
  const byType = props.grouping === 'type';
  const columns: Column<OpRow>[] = [
    {
      key: 'name',
      label: byType ? 'Op type' : 'Node',
      render: (r) => <span className="mono">{r.name}</span>,
      sortValue: (r) => r.name,
      className: 'name-cell',
    },
    ...(byType
      ? [
          {
            key: 'nodes',
            label: 'Nodes',
            align: 'right',
            render: (r) => r.nodes,
            sortValue: (r) => r.nodes,
          } as Column<OpRow>,
        ]
      : [
          {
            key: 'type',
            label: 'Op type',
            render: (r) => <span className="mono">{r.opType}</span>,
            sortValue: (r) => r.opType,
          } as Column<OpRow>,
        ]),
    {
      key: 'perRun',
      label: 'ms / run',
      align: 'right',
      title: 'kernel time per measured run',
      render: (r) => formatMs(r.perRunMs),
      sortValue: (r) => r.perRunMs,
    },
    {
      key: 'pct',
      label: 'Share',
      align: 'right',
      title: 'share of all kernel time',
      render: (r) => <ShareCell pct={r.pct} />,
      sortValue: (r) => r.pct,
    },
    {
      key: 'count',
      label: 'Count',
      align: 'right',
      title: 'kernel executions over the measured runs',
      render: (r) => (r.count === null ? 'n/a' : r.count.toLocaleString()),
      sortValue: (r) => r.count,
    },
    {
      key: 'mean',
      label: 'Mean',
      align: 'right',
      title: 'mean time of one execution',
      render: (r) => formatMs(r.meanMs),
      sortValue: (r) => r.meanMs,
    },
  ];
  if (byType)
    columns.push(
      {
        key: 'flops',
        label: 'FLOPs / run',
        align: 'right',
        render: (r) => na(formatFlops(r.flops), r.costKnown),
        sortValue: (r) => r.flops,
      },
      {
        key: 'bytes',
        label: 'Bytes / run',
        align: 'right',
        title: 'activations and weights read, outputs written',
        render: (r) => na(formatBytes(r.bytes), r.costKnown),
        sortValue: (r) => r.bytes,
      },
      {
        key: 'intensity',
        label: 'FLOP/B',
        align: 'right',
        title: 'arithmetic intensity: FLOPs per byte moved',
        render: (r) => na(formatNumber(r.intensity), r.costKnown),
        sortValue: (r) => r.intensity,
      },
      {
        key: 'achieved',
        label: 'Achieved',
        align: 'right',
        title: 'FLOPs per run ÷ measured kernel time per run',
        render: (r) =>
          r.flops === 0 ? (
            <span className="muted">–</span>
          ) : (
            na(formatFlops(r.achievedFlopsPerSec, 'FLOP/s'), r.costKnown)
          ),
        sortValue: (r) => r.achievedFlopsPerSec,
      },
    );
  columns.push({
    key: 'label',
    label: 'Verdict',
    title: "the analysis's class for this op type",
    render: (r) => (r.label ? <LabelChip label={r.label} /> : <span className="muted">–</span>),
    sortValue: (r) => r.label,
  });

  return (
    <DataTable
      columns={columns}
      rows={props.rows}
      rowKey={(r) => r.key}
      initialSort={{ key: 'perRun', descending: true }}
      empty="No op matches the filter."
      testId="ops-table"
    />
  );
}

function ShareCell(props: { pct: number | null }) {
  if (props.pct === null) return <>n/a</>;
  return (
    <span className="share-cell">
      <span className="share-bar" style={{ width: `${Math.min(100, props.pct)}%` }} />
      <span>{formatPct(props.pct, 1)}</span>
    </span>
  );
}
