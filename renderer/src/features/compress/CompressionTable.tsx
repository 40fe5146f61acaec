/**
 * The side-by-side table: one row per model, the original first; each variant's value
 * with its ratio against the original coloured better or worse, the best of each column
 * marked, a link under each model to its session's timeline, and a failed step's
 * message in its own row.
 */
import { Fragment, type MouseEvent } from 'react';
import type { CompressionRow, CompressionView } from '../../../../electron/shared/compress.js';
import { useActions } from '../../state/app-store.js';
import { bestPerColumn, formatMetric, type Metric, noiseOf, ratioAgainst, timingNoise } from './compress-rows.js';

function Cell(props: {
  row: CompressionRow;
  original: CompressionRow;
  metric: Metric;
  best: boolean;
  running: boolean;
  /** Ratios within this share read "about the same". */
  noise: number;
}) {
  const { row, original, metric, best } = props;
  const value = row[metric.key];
  if (row.baseline && metric.variantsOnly) {
    return (
      <td className="num compress-reference" title="The original is the reference the variants are compared with">
        reference
      </td>
    );
  }
  // A step still to come reads as pending, not as a missing figure.
  if (value === null && props.running && !row.error) {
    return (
      <td className="num compress-pending" title="Not measured yet">
        …
      </td>
    );
  }
  const ratio = row.baseline ? null : ratioAgainst(metric, original[metric.key], value, props.noise);
  return (
    <td
      className={`num${best ? ' compress-best' : ''}${value === null ? ' compress-missing' : ''}`}
      title={best ? `Best ${metric.label} of the experiment` : undefined}
      data-best={best || undefined}
    >
      <div className="compress-value">
        {best && (
          <span className="compress-best-mark" aria-label="best">
            ★
          </span>
        )}
        {formatMetric(metric.unit, value)}
      </div>
      {ratio && (
        <div className={`compress-ratio ${ratio.tone}`} data-tone={ratio.tone}>
          {ratio.text}
        </div>
      )}
    </td>
  );
}

function SessionLink(props: { sessionId: string | null; label?: string; title?: string }) {
  const actions = useActions();
  // No session yet (or profiling was off): nothing to link, and no line taken for it.
  if (!props.sessionId) return null;
  const id = props.sessionId;
  const open = (event: MouseEvent) => {
    event.preventDefault();
    void actions.openSession(id, 'timeline');
  };
  return (
    <a
      href={`#/session/${encodeURIComponent(id)}/timeline`}
      onClick={open}
      title={props.title ?? `Open session ${id} on the Timeline`}
      className="compress-session-link"
    >
      {props.label ?? 'timeline'} →
    </a>
  );
}

/** Why a ratio reads "about the same": the noise band, measured when the original was profiled twice. */
function NoiseNote(props: { view: CompressionView; timing: number }) {
  const { drift } = props.view;
  const band = `${Math.round(props.timing * 100)} %`;
  if (!drift)
    return (
      <p className="muted small compress-noise" data-testid="compress-noise">
        Ratios within {band} read “≈ same”: the run-to-run noise of a short profile.
      </p>
    );
  return (
    <p className="muted small compress-noise" data-testid="compress-noise">
      Speed ratios within {band} read “≈ same”: the original’s own{' '}
      {drift.metric === 'latencyP50Ms' ? 'p50' : 'tokens/s'} moved {drift.pct.toFixed(1)} % between its first profile
      and the one after the variants.
    </p>
  );
}

export function CompressionTable(props: { view: CompressionView; metrics: Metric[]; running: boolean }) {
  const { view, metrics, running } = props;
  const best = bestPerColumn(view.rows, metrics);
  const timing = timingNoise(view);
  const repeatId = view.experiment.baselineRepeatSessionId;
  const original = view.rows[0];
  if (!original) return null;
  const columns = metrics.length + 1;
  return (
    <div className="compress-table-wrap">
      <table className="data-table compress-table" data-testid="compress-table">
        <thead>
          <tr>
            <th>Model</th>
            {metrics.map((m) => (
              <th key={m.key} className="num" title={m.title}>
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <Fragment key={row.text}>
              <tr
                className={`compress-row${row.baseline ? ' compress-original' : ''}${row.error ? ' has-error' : ''}`}
                data-row={row.text}
                data-testid={`compress-row-${row.text}`}
              >
                <td className="compress-model">
                  <div title={row.text}>
                    {row.label}
                    {row.error && (
                      <span className="compress-error-mark" title={row.error.message}>
                        failed
                      </span>
                    )}
                  </div>
                  <SessionLink sessionId={row.sessionId} />
                  {row.baseline && repeatId && (
                    <>
                      {' '}
                      <SessionLink
                        sessionId={repeatId}
                        label="again"
                        title={`The original profiled again after the variants (session ${repeatId})`}
                      />
                    </>
                  )}
                </td>
                {metrics.map((m) => (
                  <Cell
                    key={m.key}
                    row={row}
                    original={original}
                    metric={m}
                    best={best.get(m.key)?.has(row.text) ?? false}
                    running={running}
                    noise={noiseOf(m, timing)}
                  />
                ))}
              </tr>
              {row.error && (
                <tr className="compress-error-row" data-testid={`compress-error-${row.text}`}>
                  <td colSpan={columns}>
                    <span className="error-kind">{row.error.kind}</span> {row.error.message}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <NoiseNote view={view} timing={timing} />
    </div>
  );
}
