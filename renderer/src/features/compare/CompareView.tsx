/**
 * Two sessions side by side: the host's comparison rows with deltas coloured by which
 * side wins, its caveats first (a comparison across machines or settings says less),
 * and the time metrics as bars.
 */
import { useEffect, useState } from 'react';
import type { Comparison, ProfilerApi, SessionSummary } from '../../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../../electron/shared/errors.js';
import { EmptyState, ErrorBox, Loading } from '../../components/states.js';
import { Panel } from '../../components/ui.js';
import { useActions } from '../../state/app-store.js';
import { errorInfo } from '../../state/errors.js';
import { CompareTable } from './CompareTable.js';
import { TimeBars } from './TimeBars.js';
import { defaultPair, sessionLabel, timeBars } from './compare-rows.js';

function useComparison(api: ProfilerApi, a: string | null, b: string | null) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    if (a === null || b === null || a === b) return;
    let live = true;
    setError(null);
    api.compare(a, b).then(
      (value) => live && setComparison(value),
      (err: unknown) => live && setError(errorInfo(err)),
    );
    return () => {
      live = false;
    };
  }, [api, a, b]);
  const current = comparison?.a.sessionId === a && comparison?.b.sessionId === b ? comparison : null;
  return { comparison: current, error };
}

export function CompareView(props: { api: ProfilerApi; sessions: SessionSummary[]; currentId: string | null }) {
  const [picked, setPicked] = useState<{ a: string | null; b: string | null } | null>(null);
  const known = (id: string | null) => id !== null && props.sessions.some((s) => s.sessionId === id);
  // Until the user picks, follow the current session; a picked session that was deleted falls back too.
  const fallback = defaultPair(props.sessions, props.currentId);
  const a = picked && known(picked.a) ? picked.a : fallback.a;
  const b = picked && known(picked.b) ? picked.b : fallback.b;
  const { comparison, error } = useComparison(props.api, a, b);

  if (props.sessions.length < 2) {
    return (
      <div className="screen compare" data-testid="screen-compare">
        <EmptyState title="Nothing to compare yet" testId="compare-empty">
          Comparing needs two sessions; {props.sessions.length === 1 ? 'one is' : 'none are'} stored. Profile a model
          twice — for example with different thread counts or graph optimisation — and compare the runs here.
        </EmptyState>
      </div>
    );
  }

  const bars = comparison ? timeBars(comparison.rows) : null;
  return (
    <div className="screen compare" data-testid="screen-compare">
      <header className="screen-title">
        <h1>Compare</h1>
        <span className="compare-muted">B against A: a delta is (B − A) / A</span>
        {comparison && a !== null && b !== null && <ExportComparisonButton a={a} b={b} />}
      </header>
      <div className="compare-pickers">
        <SessionPicker side="A" value={a} sessions={props.sessions} onChange={(id) => setPicked({ a: id, b })} />
        <button
          type="button"
          className="btn small"
          title="Swap A and B"
          aria-label="Swap A and B"
          onClick={() => setPicked({ a: b, b: a })}
        >
          ⇄
        </button>
        <SessionPicker side="B" value={b} sessions={props.sessions} onChange={(id) => setPicked({ a, b: id })} />
      </div>
      {a !== null && a === b && (
        <EmptyState title="The same session on both sides">Pick a different session for A or B.</EmptyState>
      )}
      {error && <ErrorBox error={error} title="The comparison failed" />}
      {!comparison && !error && a !== b && <Loading label="Comparing…" />}
      {comparison && (
        <>
          {comparison.caveats.length > 0 && (
            <div className="compare-caveats" role="note" data-testid="compare-caveats">
              <strong>Read with care:</strong>
              <ul>
                {comparison.caveats.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          )}
          <Panel title="Metrics">
            <CompareTable comparison={comparison} />
          </Panel>
          {bars && (bars.startup.length > 0 || bars.perInference.length > 0) && (
            <div className="compare-charts">
              <Panel title="Startup">
                <TimeBars bars={bars.startup} testId="compare-chart-startup" />
              </Panel>
              <Panel title="Per inference">
                <TimeBars bars={bars.perInference} testId="compare-chart-inference" />
              </Panel>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Saves the HTML compare report of the pair shown: a save dialog or a download, like the header's Export. */
function ExportComparisonButton(props: { a: string; b: string }) {
  const actions = useActions();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn small compare-export"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void actions.exportComparison(props.a, props.b).finally(() => setPending(false));
      }}
      title="Save this comparison as one self-contained HTML file"
      data-testid="compare-export"
    >
      {pending ? 'Exporting…' : 'Export HTML report'}
    </button>
  );
}

function SessionPicker(props: {
  side: 'A' | 'B';
  value: string | null;
  sessions: SessionSummary[];
  onChange(id: string): void;
}) {
  return (
    <label className={`compare-picker side-${props.side.toLowerCase()}`}>
      <span className="compare-side">{props.side}</span>
      <select
        className="input"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={`compare-pick-${props.side.toLowerCase()}`}
      >
        {props.sessions.map((s) => (
          <option key={s.sessionId} value={s.sessionId}>
            {sessionLabel(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
