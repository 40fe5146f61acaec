/** The comparison's rows: A, B, and the delta coloured by which side wins the row. */
import type { Comparison, SessionSummary } from '../../../../electron/shared/api.js';
import { StatusBadge } from '../../components/ui.js';
import { deltaTone, formatDelta, formatValue } from './compare-rows.js';

const TONE_TEXT = { better: 'B better', worse: 'A better', even: 'even' } as const;

function SideHeader(props: { side: 'A' | 'B'; session: SessionSummary }) {
  return (
    <th className="num compare-side-head" title={`${props.session.modelPath}\n${props.session.sessionId}`}>
      <span className={`compare-side side-${props.side.toLowerCase()}`}>{props.side}</span> {props.session.modelName}
      <div className="compare-side-id">
        {props.session.sessionId} <StatusBadge status={props.session.status} />
      </div>
    </th>
  );
}

export function CompareTable(props: { comparison: Comparison }) {
  const { comparison } = props;
  return (
    <table className="data-table compare-table" data-testid="compare-table">
      <thead>
        <tr>
          <th>Metric</th>
          <SideHeader side="A" session={comparison.a} />
          <SideHeader side="B" session={comparison.b} />
          <th className="num" title="(B − A) / A">
            Δ B vs A
          </th>
          <th>Verdict</th>
        </tr>
      </thead>
      <tbody>
        {comparison.rows.map((row) => {
          const tone = deltaTone(row);
          return (
            <tr key={row.metric} data-testid={`compare-row-${row.metric}`}>
              <td>{row.label}</td>
              <td className={`num${row.better === 'a' ? ' compare-winner' : ''}`}>{formatValue(row.unit, row.a)}</td>
              <td className={`num${row.better === 'b' ? ' compare-winner' : ''}`}>{formatValue(row.unit, row.b)}</td>
              <td className={`num compare-delta ${tone}`} data-tone={tone}>
                {formatDelta(row.deltaPct)}
              </td>
              <td className={`compare-verdict ${tone}`}>{row.deltaPct === null ? '' : TONE_TEXT[tone]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
