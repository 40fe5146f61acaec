/** What the band colours mean: the phases present, and the bottleneck classes painted. */
import type { Segment } from '../../../../electron/shared/analysis.js';
import { LABEL_TEXT, PHASE_TEXT } from '../../components/labels.js';
import type { PhaseSpan } from './model/spans.js';

export function Legends(props: { phases: readonly PhaseSpan[]; segments: readonly Segment[]; analysed: boolean }) {
  const phaseNames = [...new Set(props.phases.map((p) => p.name))];
  const labels = [...new Set(props.segments.map((s) => s.label))];
  return (
    <div className="tl-legends">
      <div className="tl-legend" data-testid="phase-legend">
        <span className="tl-legend-title">Phases</span>
        {phaseNames.length === 0 && <span className="tl-muted">none yet</span>}
        {phaseNames.map((name) => (
          <span key={name} className="tl-legend-item" data-phase={name}>
            <i className="tl-swatch" style={{ background: `var(--phase-${name}, var(--muted))` }} />
            {PHASE_TEXT[name] ?? name}
          </span>
        ))}
      </div>
      <div className="tl-legend" data-testid="bottleneck-legend">
        <span className="tl-legend-title">Bottleneck</span>
        {labels.length === 0 && (
          <span className="tl-muted">{props.analysed ? 'no segments' : 'after the run is analysed'}</span>
        )}
        {labels.map((label) => (
          <span key={label} className="tl-legend-item" data-label={label}>
            <i className="tl-swatch" style={{ background: `var(--${label})` }} />
            {LABEL_TEXT[label]}
          </span>
        ))}
      </div>
    </div>
  );
}
