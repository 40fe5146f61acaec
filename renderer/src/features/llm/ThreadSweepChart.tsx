/**
 * A thread sweep: the measured p50 at each intra-op thread count, with the Amdahl curve
 * t(n) = t1 · (s + (1 − s) / n) fitted to it, so the serial share that caps scaling shows.
 */
import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs, formatPct } from '../../../../electron/shared/format.js';
import type { AmdahlFit, SweepPoint } from '../../../../electron/shared/session.js';
import { axisLine, axisTick, tooltipStyle } from '../../components/chart.js';
import { ChartBox } from './ChartBox.js';
import { amdahlCeiling, threadSweepRows } from './thread-sweep.js';

export function ThreadSweepChart(props: { sweep: SweepPoint[]; fit: AmdahlFit | null; height?: number }) {
  const rows = threadSweepRows(props.sweep, props.fit);
  if (rows.length === 0) return null;
  const ceiling = props.fit ? amdahlCeiling(props.fit) : null;
  return (
    <figure className="llm-figure" data-testid="thread-sweep-chart">
      <ChartBox height={props.height ?? 240}>
        <ComposedChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis
            dataKey="threads"
            type="number"
            domain={[1, 'dataMax']}
            allowDecimals={false}
            tick={axisTick}
            axisLine={axisLine}
            height={36}
            label={{
              value: 'intra-op threads',
              position: 'insideBottom',
              offset: 0,
              fill: 'var(--muted)',
              fontSize: 11,
            }}
          />
          <YAxis tick={axisTick} axisLine={axisLine} tickFormatter={(v: number) => formatMs(v)} width={64} />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(n) => `${String(n)} threads`}
            formatter={(value, name) => [formatMs(Number(value)), name]}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text)' }} itemSorter={null} />
          {props.fit && (
            <Line
              dataKey="fitMs"
              name="Amdahl fit"
              stroke="var(--muted)"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Line
            dataKey="measuredMs"
            name="measured p50"
            stroke="var(--accent)"
            strokeWidth={0}
            dot={{ r: 4, fill: 'var(--accent)', stroke: 'var(--accent)' }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartBox>
      {props.fit && (
        <figcaption className="llm-muted">
          Fit: t1 = {formatMs(props.fit.t1Ms)}, serial share s = {formatPct(props.fit.serialFraction * 100, 1)}
          {ceiling === null ? ', no serial part' : `, speed-up capped at ${ceiling.toFixed(1)}×`}; RMS error{' '}
          {formatPct(props.fit.rmsErrorPct, 1)} of the mean latency.
        </figcaption>
      )}
    </figure>
  );
}
