/** The baseline and every projection in one table, memory fit flagged, speed-up over the baseline last. */
import type { ReactNode } from 'react';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';
import { formatPerSec } from '../../components/format.js';
import type { MachineRow } from './projection-rows.js';
import { formatGiB } from './targets.js';

interface Column {
  key: string;
  label: string;
  title?: string;
  render(row: MachineRow): ReactNode;
}

const COLUMNS: Column[] = [
  { key: 'load', label: 'Model read', title: 'reading the model file (load)', render: (r) => formatMs(r.loadMs) },
  { key: 'create', label: 'Create', title: 'ONNX Runtime session creation', render: (r) => formatMs(r.createMs) },
  { key: 'p50', label: 'p50', title: 'median latency of one inference', render: (r) => formatMs(r.latencyP50Ms) },
  {
    key: 'throughput',
    label: 'Throughput',
    title: 'inferences per second',
    render: (r) => formatPerSec(r.throughputPerSec),
  },
  {
    key: 'memory',
    label: 'Peak memory',
    title: 'peak memory of the session against the target’s RAM or VRAM',
    render: (r) => <MemoryCell row={r} />,
  },
];

const LLM_COLUMNS: Column[] = [
  { key: 'ttft', label: 'TTFT', title: 'time to first token (mean)', render: (r) => formatMs(r.ttftMs) },
  { key: 'tpot', label: 'TPOT', title: 'time per output token (mean)', render: (r) => formatMs(r.tpotMs) },
  {
    key: 'tokens',
    label: 'Output tok/s',
    title: 'decode throughput',
    render: (r) => formatPerSec(r.outputTokensPerSec, 'tok/s'),
  },
];

function MemoryCell(props: { row: MachineRow }) {
  const { row } = props;
  const peak = formatBytes(row.peakMemoryBytes);
  if (row.fitsInMemory === null || row.memoryBytes === null) return <>{peak}</>;
  const of = formatGiB(row.memoryBytes);
  return row.fitsInMemory ? (
    <span title={`fits in the target's ${of}`}>
      {peak} <span className="whatif-muted">/ {of}</span>
    </span>
  ) : (
    <span className="whatif-nofit" data-testid="does-not-fit">
      {peak} / {of}
      <br />
      <strong>does NOT fit</strong>
    </span>
  );
}

function Speedup(props: { value: number | null; unit?: string; small?: boolean }) {
  if (props.value === null) return <span className="whatif-muted">n/a</span>;
  const tone = props.value > 1.02 ? 'faster' : props.value < 0.98 ? 'slower' : 'same';
  const digits = props.value >= 10 ? 0 : props.value >= 1 ? 1 : 2;
  return (
    <span className={`whatif-speedup ${tone}${props.small ? ' small' : ''}`}>
      {props.value.toFixed(digits)}×{props.unit && <span className="whatif-muted"> {props.unit}</span>}
    </span>
  );
}

export function ProjectionTable(props: { rows: MachineRow[]; llm: boolean; colorOf(id: string): string }) {
  const columns = props.llm ? [...COLUMNS, ...LLM_COLUMNS] : COLUMNS;
  return (
    <div className="whatif-table-wrap">
      <table className="data-table whatif-table" data-testid="whatif-table">
        <thead>
          <tr>
            <th>Machine</th>
            {columns.map((c) => (
              <th key={c.key} title={c.title} className="num">
                {c.label}
              </th>
            ))}
            <th
              className="num"
              title={`how many times faster than this machine as measured: by p50 latency${props.llm ? ', and by output tokens/s' : ''}`}
            >
              Speed-up
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr
              key={row.id}
              className={`${row.baseline ? 'baseline' : ''}${row.fitsInMemory === false ? ' nofit' : ''}`}
              data-testid={`whatif-row-${row.id}`}
            >
              <th scope="row" className="whatif-machine">
                <span className="whatif-swatch" style={{ background: props.colorOf(row.id) }} />
                {row.name}
              </th>
              {columns.map((c) => (
                <td key={c.key} className="num">
                  {c.render(row)}
                </td>
              ))}
              <td className="num">
                <Speedup value={row.speedup} />
                {props.llm && (
                  <>
                    <br />
                    <Speedup value={row.tokensSpeedup} unit="tok/s" small />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
