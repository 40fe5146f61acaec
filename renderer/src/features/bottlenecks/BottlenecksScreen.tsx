/** Bottlenecks & recommendations: the verdict on each phase and op group, and what would help. */
import type { AnalysisView } from '../../../../electron/shared/api.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { LabelChip, Panel } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';
import { SessionGate } from '../sessions/SessionGate.js';
import { SessionSummary } from '../sessions/SessionSummary.js';
import { BottleneckCard, RecommendationCard } from './Findings.js';
import { dominant, headline, ordered } from '../../../../electron/shared/verdict.js';

export function BottlenecksScreen() {
  return (
    <SessionGate testId="screen-bottlenecks" className="bottlenecks-screen">
      {(result) => (
        <>
          <SessionSummary result={result} />
          <AnalysisBody result={result} />
        </>
      )}
    </SessionGate>
  );
}

function AnalysisBody(props: { result: ProfileResult }) {
  const actions = useActions();
  const analysis = useAppState((s) => s.analysis);
  const live = useAppState((s) => s.live);
  if (live) return <Loading label="The analysis runs when the profile ends…" />;
  if (analysis.error)
    return (
      <ErrorBox
        error={analysis.error}
        title="The analysis failed"
        action={
          <button type="button" className="btn small" onClick={() => void actions.refreshAnalysis()}>
            Retry
          </button>
        }
      />
    );
  if (!analysis.data) return <Loading label="Analysing the session…" />;
  return <Analysis analysis={analysis.data} result={props.result} />;
}

function Headline(props: { analysis: AnalysisView; result: ProfileResult }) {
  const main = dominant(props.analysis.bottlenecks);
  return (
    <section className="headline" data-testid="headline">
      <div className="headline-kicker">What holds it back</div>
      {main ? (
        <>
          <div className="headline-text">
            <LabelChip label={main.label} /> {headline(main)}
          </div>
          {main.evidence[0] && <div className="headline-evidence">{main.evidence[0]}</div>}
        </>
      ) : (
        <div className="headline-text muted">
          {props.result.status === 'complete'
            ? 'No verdict on the measured runs: the analysis found no clear evidence either way.'
            : `No verdict on the measured runs: the session is ${props.result.status} and has too little to judge.`}
        </div>
      )}
    </section>
  );
}

function Analysis(props: { analysis: AnalysisView; result: ProfileResult }) {
  const { phases, ops } = ordered(props.analysis.bottlenecks);
  const recommendations = [...props.analysis.recommendations].sort((a, b) => b.estimatedGainPct - a.estimatedGainPct);
  return (
    <>
      <Headline analysis={props.analysis} result={props.result} />
      {!props.analysis.machineProfile && (
        <div className="banner info" data-testid="not-calibrated">
          This machine is not calibrated: verdicts rely on utilisation alone, and op groups are not judged against
          achieved FLOP/s. Calibrate it in Run setup.
        </div>
      )}
      <div className="two-col findings-layout">
        <div className="col">
          <Panel title={`Bottlenecks by phase (${phases.length})`} testId="bottlenecks-phases">
            {phases.length === 0 && <p className="muted">No phase verdicts.</p>}
            {phases.map((b) => (
              <BottleneckCard key={b.phase} bottleneck={b} />
            ))}
          </Panel>
          {ops.length > 0 && (
            <Panel title={`Op groups (${ops.length})`}>
              {ops.map((b) => (
                <BottleneckCard key={b.phase} bottleneck={b} />
              ))}
            </Panel>
          )}
        </div>
        <Panel title={`Recommendations (${recommendations.length})`} testId="recommendations">
          {recommendations.length === 0 && (
            <p className="muted">No recommendation: nothing the what-if model can estimate would help this session.</p>
          )}
          {recommendations.map((r) => (
            <RecommendationCard key={r.title} recommendation={r} />
          ))}
        </Panel>
      </div>
    </>
  );
}
