/**
 * The experiment as bars, one group per model: file size (and gzip), speed (latency or
 * tokens/s) and fidelity. Animations are off: a running experiment redraws them as its
 * steps end.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';
import { axisLine, axisTick, cursorFill, tooltipStyle } from '../../components/chart.js';
import { Panel } from '../../components/ui.js';
import { ChartBox } from '../llm/ChartBox.js';
import { type ChartRow, formatAbsDiff, formatTokensPerSec } from './compress-rows.js';

const HEIGHT = 220;
const MARGIN = { top: 18, right: 12, bottom: 4, left: 8 };
const legendStyle = { fontSize: 12, color: 'var(--text)' };
/** The original's bars are grey: the variants are what is being judged. */
const ORIGINAL = 'var(--underutilised)';

type Format = (value: number) => string;

function Bars(props: {
  rows: ChartRow[];
  series: Array<{ key: keyof ChartRow; name: string; color: string }>;
  format: Format;
  log?: boolean;
  testId: string;
}) {
  const label = (v: unknown) => (typeof v === 'number' ? props.format(v) : '');
  return (
    <div data-testid={props.testId}>
      <ChartBox height={HEIGHT}>
        <BarChart data={props.rows} margin={MARGIN} barGap={2}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="label" tick={axisTick} axisLine={axisLine} tickLine={false} interval={0} />
          <YAxis
            tick={axisTick}
            axisLine={axisLine}
            tickFormatter={props.format}
            width={64}
            {...(props.log
              ? { scale: 'log' as const, domain: ['auto', 'auto'] as const, allowDataOverflow: true }
              : {})}
          />
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            formatter={(value, name) => [typeof value === 'number' ? props.format(value) : 'n/a', name]}
          />
          {props.series.length > 1 && <Legend wrapperStyle={legendStyle} itemSorter={null} />}
          {props.series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false}>
              {/* One series: the original's bar is grey. With two, colours name the series (the legend). */}
              {props.series.length === 1 &&
                props.rows.map((row) => <Cell key={row.text} fill={row.baseline ? ORIGINAL : s.color} />)}
              <LabelList dataKey={s.key} position="top" fill="var(--muted)" fontSize={10} formatter={label} />
            </Bar>
          ))}
        </BarChart>
      </ChartBox>
    </div>
  );
}

function Missing(props: { children: ReactNode }) {
  return <p className="compress-chart-missing muted">{props.children}</p>;
}

export function CompressionCharts(props: { rows: ChartRow[]; llm: boolean; profiled: boolean }) {
  const { rows, llm, profiled } = props;
  const variants = rows.filter((row) => !row.baseline);
  const hasTop1 = variants.some((row) => row.top1Pct !== null);
  const hasDiff = variants.some((row) => row.maxAbsDiff !== null);
  const hasSpeed = rows.some((row) => (llm ? row.outputTokensPerSec : row.latencyP50Ms) !== null);
  return (
    <div className="compress-charts">
      <Panel title="File size">
        <Bars
          rows={rows}
          series={[
            { key: 'fileBytes', name: 'file', color: 'var(--accent)' },
            { key: 'gzipBytes', name: 'gzip', color: 'var(--phase-create)' },
          ]}
          format={(v) => formatBytes(v)}
          testId="compress-chart-size"
        />
      </Panel>
      <Panel title={llm ? 'Output tokens/s' : 'Latency p50 and p99'}>
        {!profiled ? (
          <Missing>Not profiled: tick “Profile side by side” to measure speed.</Missing>
        ) : !hasSpeed ? (
          <Missing>No profile has ended yet.</Missing>
        ) : llm ? (
          <Bars
            rows={rows}
            series={[{ key: 'outputTokensPerSec', name: 'tokens/s', color: 'var(--phase-decode)' }]}
            format={formatTokensPerSec}
            testId="compress-chart-speed"
          />
        ) : (
          <Bars
            rows={rows}
            series={[
              { key: 'latencyP50Ms', name: 'p50', color: 'var(--phase-runs)' },
              { key: 'latencyP99Ms', name: 'p99', color: 'var(--phase-prefill)' },
            ]}
            format={(v) => formatMs(v)}
            testId="compress-chart-speed"
          />
        )}
      </Panel>
      <Panel title={hasTop1 ? 'Top-1 agreement with fp32' : 'Max |Δ| against fp32 (log scale)'}>
        {hasTop1 ? (
          <Bars
            rows={variants}
            series={[{ key: 'top1Pct', name: 'top-1 agreement', color: 'var(--ok)' }]}
            format={(v) => `${v.toFixed(0)} %`}
            testId="compress-chart-fidelity"
          />
        ) : hasDiff ? (
          <Bars
            rows={variants}
            series={[{ key: 'maxAbsDiff', name: 'max |Δ|', color: 'var(--warning)' }]}
            format={formatAbsDiff}
            log
            testId="compress-chart-fidelity"
          />
        ) : (
          <Missing>No fidelity measured yet (an identical output draws no bar on a log scale).</Missing>
        )}
      </Panel>
    </div>
  );
}
