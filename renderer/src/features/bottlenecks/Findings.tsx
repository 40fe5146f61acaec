/** A bottleneck verdict with its evidence, and a recommendation with its gain and assumption. */
import type { Bottleneck, Recommendation } from '../../../../electron/shared/analysis.js';
import { labelColor, phaseText } from '../../components/labels.js';
import { ConfidenceBar, LabelChip } from '../../components/ui.js';
import { metricText } from '../../../../electron/shared/verdict.js';

export function BottleneckCard(props: { bottleneck: Bottleneck }) {
  const b = props.bottleneck;
  return (
    <article className="finding" style={{ borderLeftColor: labelColor(b.label) }} data-testid="bottleneck-card">
      <header className="finding-header">
        <span className="finding-phase">{phaseText(b.phase)}</span>
        <LabelChip label={b.label} />
        <ConfidenceBar confidence={b.confidence} label={b.label} />
      </header>
      <ul className="evidence">
        {b.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </article>
  );
}

/** Times and sizes shrink; rates (`…PerSec`) grow: the sign says which way the metric moves. */
function gainText(r: Recommendation): string {
  const sign = r.metric.endsWith('PerSec') ? '+' : '−';
  return `${sign}${r.estimatedGainPct.toFixed(r.estimatedGainPct < 10 ? 1 : 0)} %`;
}

export function RecommendationCard(props: { recommendation: Recommendation }) {
  const r = props.recommendation;
  const measured = r.source === 'measured';
  return (
    <article className="recommendation" data-testid="recommendation">
      <div
        className="rec-gain"
        title={
          measured
            ? `change of ${metricText(r.metric)} measured on this machine`
            : `estimated change of ${metricText(r.metric)}, by the what-if model`
        }
      >
        <span className="rec-gain-value">{gainText(r)}</span>
        <span className="rec-gain-metric">{metricText(r.metric)}</span>
      </div>
      <div className="rec-body">
        <div className="rec-title">
          <span className={`tag ${r.kind}`}>{r.kind}</span>
          {measured && <span className="tag measured">measured</span>}
          <LabelChip label={r.label} />
          <span>{r.title}</span>
        </div>
        <div className="rec-assumption">
          {!measured && <span className="muted">Assumes </span>}
          {r.assumption}
        </div>
      </div>
    </article>
  );
}
