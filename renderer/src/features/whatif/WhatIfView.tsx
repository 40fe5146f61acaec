/**
 * What-if: this session projected onto catalogue or custom hardware. The selection is a
 * list of the target strings `whatIf` takes (catalogue ids, custom specs, `threads:N`);
 * every change re-projects, and the last report stays on screen until the next arrives.
 */
import { useEffect, useMemo, useState } from 'react';
import type { WhatIfReport, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../../electron/shared/errors.js';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';
import type { HardwareTarget } from '../../../../electron/shared/hardware.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { EmptyState, ErrorBox, Loading } from '../../components/states.js';
import { formatPerSec } from '../../components/format.js';
import { Panel, Stat, StatGrid } from '../../components/ui.js';
import { errorInfo } from '../../state/errors.js';
import { ThreadSweepChart } from '../llm/ThreadSweepChart.js';
import { CustomTargetForm } from './CustomTargetForm.js';
import { Assumptions } from './Assumptions.js';
import { BreakdownChart, MetricCharts } from './ProjectionCharts.js';
import { ProjectionTable } from './ProjectionTable.js';
import { TargetPicker } from './TargetPicker.js';
import { specId, specLabel } from './custom-spec.js';
import { BASELINE_ID, isLlmReport, machineRows } from './projection-rows.js';
import { defaultTargetIds } from './targets.js';

/** Readable on both themes and distinct from the baseline's muted grey. */
const PALETTE = [
  'var(--accent)',
  'var(--compute)',
  'var(--ok)',
  'var(--memory-bandwidth)',
  'var(--communication)',
  'var(--storage)',
  'var(--memory-capacity)',
  'var(--phase-decode)',
];

/** Re-projecting on every keystroke of a selection change would queue calls; this waits for a pause. */
const PROJECT_DELAY_MS = 200;

function useTargets(api: ProfilerApi) {
  const [targets, setTargets] = useState<HardwareTarget[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.listTargets().then(
      (list) => live && setTargets(list),
      (err: unknown) => live && setError(errorInfo(err)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return { targets, error };
}

function useProjection(api: ProfilerApi, sessionId: string, selected: string[]) {
  const [report, setReport] = useState<WhatIfReport | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    if (selected.length === 0) return;
    let live = true;
    setRunning(true);
    const timer = setTimeout(() => {
      api
        .whatIf({ sessionId, targets: selected })
        .then(
          (value) => {
            if (!live) return;
            setReport(value);
            setError(null);
          },
          (err: unknown) => live && setError(errorInfo(err)),
        )
        .finally(() => live && setRunning(false));
    }, PROJECT_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, sessionId, selected]);
  return { report: report?.sessionId === sessionId ? report : null, error, running };
}

export function WhatIfView(props: { api: ProfilerApi; sessionId: string; result: ProfileResult }) {
  const { targets, error: targetsError } = useTargets(props.api);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selected = useMemo(() => chosen ?? (targets ? defaultTargetIds(targets) : []), [chosen, targets]);
  const { report, error, running } = useProjection(props.api, props.sessionId, selected);

  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const usedIds = useMemo(() => new Set(selected.map(specId).filter((id) => id !== null)), [selected]);
  const toggle = (spec: string) =>
    setChosen(selectedSet.has(spec) ? selected.filter((s) => s !== spec) : [...selected, spec]);
  const nameOf = (id: string) => targets?.find((t) => t.id === id)?.name;

  const rows = useMemo(() => (report ? machineRows(report) : []), [report]);
  // Colours follow the selection's order, so a target keeps its colour in chips, table and charts.
  const projectedIds = useMemo(() => selected.map(projectedId), [selected]);
  const colorOf = (id: string) => {
    if (id === BASELINE_ID) return 'var(--muted)';
    const index = projectedIds.indexOf(id);
    return index < 0 ? 'var(--accent)' : (PALETTE[index % PALETTE.length] ?? 'var(--accent)');
  };
  const llm = report ? isLlmReport(report) : props.result.llm !== null;

  return (
    <div className="screen whatif" data-testid="screen-whatif">
      <header className="whatif-head">
        <div className="screen-title">
          <h1>What-if</h1>
          <code>{props.result.model.path}</code>
        </div>
        <p className="whatif-muted">
          This session as measured on {props.result.machine.cpuModel}, projected onto other hardware: each op group
          scales by the resource that binds it (roofline plus measurement). Every projection lists what it assumes.
        </p>
      </header>
      <div className="whatif-setup">
        <Panel title="Hardware catalogue" className="whatif-catalogue">
          {targetsError && <ErrorBox error={targetsError} />}
          {!targets && !targetsError && <Loading label="Reading the catalogue…" />}
          {targets && <TargetPicker targets={targets} selected={selectedSet} onToggle={toggle} />}
        </Panel>
        <div className="whatif-side">
          <Panel title={`Selected (${selected.length})`}>
            <ul className="whatif-chips" data-testid="whatif-selected">
              {selected.map((spec) => (
                <li key={spec} title={spec}>
                  <span className="whatif-swatch" style={{ background: colorOf(projectedId(spec)) }} />
                  {specLabel(spec, nameOf)}
                  <button type="button" aria-label={`Remove ${spec}`} onClick={() => toggle(spec)}>
                    ×
                  </button>
                </li>
              ))}
              {selected.length === 0 && <li className="whatif-muted">Pick targets from the catalogue or add one.</li>}
            </ul>
          </Panel>
          <Panel title="Custom hardware">
            <CustomTargetForm usedIds={usedIds} onAdd={(spec) => !selectedSet.has(spec) && toggle(spec)} />
          </Panel>
        </div>
      </div>
      <Baseline result={props.result} />
      {error && <ErrorBox error={error} title="The projection failed" />}
      {selected.length === 0 && (
        <EmptyState title="No target selected">Pick at least one target to project this session onto.</EmptyState>
      )}
      {!report && !error && selected.length > 0 && <Loading label="Projecting…" />}
      {report && selected.length > 0 && (
        <div className={`whatif-results${running ? ' stale' : ''}`} aria-busy={running}>
          <Panel title="Projections">
            <ProjectionTable rows={rows} llm={llm} colorOf={colorOf} />
          </Panel>
          <Panel title="Against the baseline">
            <MetricCharts rows={rows} llm={llm} colorOf={colorOf} />
          </Panel>
          <Panel title="Projected time per run, by what binds it">
            <BreakdownChart report={report} />
          </Panel>
          <Panel title="Assumptions">
            <Assumptions projections={report.projections} colorOf={colorOf} />
          </Panel>
        </div>
      )}
      {props.result.threadSweep.length > 0 && (
        <Panel title="Measured thread sweep">
          <ThreadSweepChart sweep={props.result.threadSweep} fit={props.result.amdahl} />
        </Panel>
      )}
    </div>
  );
}

/** The id a target string's projection will carry, so its chip wears the projection's colour. */
function projectedId(spec: string): string {
  const threads = /^threads:(\d+)$/.exec(spec);
  if (threads) return `this-machine-${threads[1]}-threads`;
  return specId(spec) ?? spec;
}

function Baseline(props: { result: ProfileResult }) {
  const r = props.result;
  return (
    <Panel
      title={`Baseline: this machine as measured · ${r.machine.cpuModel}, ${r.machine.logicalCores} logical cores`}
      testId="whatif-baseline"
    >
      <StatGrid>
        <Stat label="Model read" value={formatMs(r.loadMs)} />
        <Stat label="Create" value={formatMs(r.createMs)} />
        <Stat label="Latency p50" value={formatMs(r.latencyMs?.p50 ?? null)} />
        <Stat label="Throughput" value={formatPerSec(r.throughputPerSec)} />
        <Stat label="Peak RSS" value={formatBytes(r.peakRssBytes)} />
        {r.llm && <Stat label="TTFT (mean)" value={formatMs(r.llm.ttftMs.mean)} />}
        {r.llm && <Stat label="Output tokens/s" value={formatPerSec(r.llm.outputTokensPerSec, 'tok/s')} />}
      </StatGrid>
    </Panel>
  );
}
