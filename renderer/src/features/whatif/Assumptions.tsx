/** What each projection rests on, in the engine's words: a projection is only as good as these. */
import type { Projection } from '../../../../electron/shared/analysis.js';

export function Assumptions(props: { projections: Projection[]; colorOf(id: string): string }) {
  return (
    <div className="whatif-assumptions" data-testid="whatif-assumptions">
      {props.projections.map((p) => (
        <section key={p.targetId}>
          <h3>
            <span className="whatif-swatch" style={{ background: props.colorOf(p.targetId) }} />
            {p.targetName}
          </h3>
          {p.assumptions.length === 0 ? (
            <p className="whatif-muted">No assumptions beyond the measured session.</p>
          ) : (
            <ul>
              {p.assumptions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
