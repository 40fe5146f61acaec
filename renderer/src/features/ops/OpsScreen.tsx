/** Ops: where the kernel time goes, and what each op type costs against what it achieved. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatFlops, formatBytes } from '../../../../electron/shared/format.js';
import { SessionGate } from '../sessions/SessionGate.js';
import { SessionNotice } from '../sessions/SessionNotice.js';
import { Panel } from '../../components/ui.js';
import { useAppState } from '../../state/app-store.js';
import type { AnalysisView } from '../../../../electron/shared/api.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { filterRows, type OpGrouping, opRows } from './op-rows.js';
import { OpsTable } from './OpsTable.js';
import { TopOpsChart } from './TopOpsChart.js';

export function OpsScreen() {
  return <SessionGate testId="screen-ops">{(result) => <OpsView result={result} />}</SessionGate>;
}

/** `/` focuses the filter, as in DevTools and most profilers. */
function useSlashFocus(ref: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        ref.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ref]);
}

function CostNote(props: { analysis: AnalysisView | null; result: ProfileResult }) {
  const cost = props.analysis?.cost ?? props.result.cost ?? null;
  if (!cost) return <span className="muted small">No cost analysis for this session: FLOPs and bytes read n/a.</span>;
  return (
    <span className="muted small">
      {formatFlops(cost.totalFlops)} and {formatBytes(cost.totalBytes)} per run
      {cost.unknownOpTypes.length > 0 && ` · no cost formula for ${cost.unknownOpTypes.join(', ')}`}
    </span>
  );
}

function OpsView(props: { result: ProfileResult }) {
  const analysis = useAppState((s) => s.analysis.data);
  const [grouping, setGrouping] = useState<OpGrouping>('type');
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  useSlashFocus(filterRef);
  const rows = useMemo(() => opRows(props.result, analysis, grouping), [props.result, analysis, grouping]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const noOps = props.result.ops.length === 0;

  return (
    <>
      <SessionNotice result={props.result} />
      {noOps && (
        <div className="banner info" data-testid="ops-no-profile">
          {props.result.settings.opProfile
            ? 'This session recorded no kernel times (no measured run finished).'
            : 'Op profiling was off for this session: kernel times read n/a. Turn on "Op profiling" in Run setup.'}
        </div>
      )}
      <div className="ops-layout">
        <Panel title="Top ops by time per run" className="ops-chart">
          <TopOpsChart rows={shown} />
        </Panel>
        <Panel
          title={grouping === 'type' ? 'Op types' : 'Nodes'}
          className="ops-table-panel"
          actions={
            <>
              <CostNote analysis={analysis} result={props.result} />
              <div className="segmented small" role="radiogroup" aria-label="group by">
                {(['type', 'node'] as const).map((g) => (
                  <button
                    type="button"
                    key={g}
                    className={grouping === g ? 'active' : ''}
                    aria-pressed={grouping === g}
                    onClick={() => setGrouping(g)}
                    data-testid={`ops-group-${g}`}
                  >
                    {g === 'type' ? 'By op type' : 'By node'}
                  </button>
                ))}
              </div>
              <input
                ref={filterRef}
                className="input filter"
                placeholder="Filter  /"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                aria-label="filter ops"
                data-testid="ops-filter"
              />
            </>
          }
        >
          <OpsTable rows={shown} grouping={grouping} />
        </Panel>
      </div>
    </>
  );
}
