/** The LLM screen's charts: the recorded per-token percentiles and the sweep against each swept dimension. */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../../electron/shared/format.js';
import type { LlmSummary } from '../../../../electron/shared/llm.js';
import { axisLine, axisTick, tooltipStyle } from '../../components/chart.js';
import { ChartBox } from './ChartBox.js';
import { type SweepDim, distinct, percentileRows, sweepChart } from './llm-rows.js';

const SERIES_COLORS = [
  'var(--accent)',
  'var(--phase-prefill)',
  'var(--phase-decode)',
  'var(--ok)',
  'var(--communication)',
  'var(--storage)',
  'var(--memory-bandwidth)',
  'var(--memory-capacity)',
];

const legendStyle = { fontSize: 12, color: 'var(--text)' };

/**
 * ITL and TPOT at the three percentiles the session recorded. The session keeps no
 * per-token histogram, so none is drawn: the slope from p50 to p99 is the tail.
 */
export function PercentileChart(props: { summary: LlmSummary }) {
  const rows = percentileRows(props.summary);
  const hasItl = props.summary.itlMs !== null;
  const hasTpot = props.summary.tpotMs !== null;
  if (!hasItl && !hasTpot) {
    return <p className="llm-muted">Each request produced one token: there are no gaps between tokens to show.</p>;
  }
  return (
    <figure className="llm-figure" data-testid="llm-percentile-chart">
      <ChartBox height={220}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis dataKey="percentile" tick={axisTick} axisLine={axisLine} tickLine={false} />
          <YAxis tick={axisTick} axisLine={axisLine} tickFormatter={(v: number) => formatMs(v)} width={64} />
          <Tooltip {...tooltipStyle} formatter={(value, name) => [formatMs(Number(value)), name]} />
          <Legend wrapperStyle={legendStyle} itemSorter={null} />
          {hasItl && (
            <Line
              dataKey="itlMs"
              name="ITL (pooled gaps)"
              stroke="var(--accent)"
              strokeWidth={2}
              isAnimationActive={false}
            />
          )}
          {hasTpot && (
            <Line
              dataKey="tpotMs"
              name="TPOT (per request)"
              stroke="var(--phase-decode)"
              strokeWidth={2}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ChartBox>
      <figcaption className="llm-muted">
        Only the p50, p90 and p99 are recorded, so this is a percentile chart, not a histogram.
      </figcaption>
    </figure>
  );
}

const DIM_WORDS: Record<SweepDim, { axis: string; flag: string }> = {
  promptTokens: { axis: 'prompt tokens', flag: '--prompt-tokens 16,64,256' },
  outputTokens: { axis: 'output tokens', flag: '--output-tokens 16,64,128' },
  batch: { axis: 'batch', flag: '--batch 1,4,8' },
};

/** One metric of the sweep against one swept dimension; a hint instead when that dimension held one value. */
export function SweepChart(props: {
  sweep: LlmSummary[];
  x: SweepDim;
  metric(s: LlmSummary): number;
  format(value: number): string;
  testId: string;
}) {
  const values = distinct(props.sweep, props.x);
  const words = DIM_WORDS[props.x];
  if (values.length < 2) {
    return (
      <figure className="llm-figure llm-figure-empty" data-testid={props.testId}>
        <p className="llm-muted">
          One {words.axis} value was profiled ({values.join(', ') || 'none'}). Give several in Run setup (CLI:{' '}
          <code>{words.flag}</code>) to draw this curve.
        </p>
      </figure>
    );
  }
  const chart = sweepChart(props.sweep, props.x, props.metric);
  return (
    <figure className="llm-figure" data-testid={props.testId}>
      <ChartBox height={chart.series.length > 2 ? 280 : 230}>
        <LineChart data={chart.rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis
            dataKey={props.x}
            type="category"
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            height={36}
            label={{ value: words.axis, position: 'insideBottom', offset: 0, fill: 'var(--muted)', fontSize: 11 }}
          />
          <YAxis tick={axisTick} axisLine={axisLine} tickFormatter={(v: number) => props.format(v)} width={70} />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(label) => `${words.axis}: ${String(label)}`}
            formatter={(value, name) => [props.format(Number(value)), name]}
          />
          {chart.series.length > 1 && <Legend wrapperStyle={legendStyle} itemSorter={null} />}
          {chart.series.map((name, i) => (
            <Line
              key={name}
              dataKey={name}
              name={name}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartBox>
    </figure>
  );
}
