/**
 * The experiment as bars, one group per model: file size (and gzip), speed (latency or
 * tokens/s) and fidelity. Bars are narrower than "3.42 MB": labels and ticks carry the
 * number, the panel's title the unit, the tooltip both. Animations are off: a running
 * experiment redraws them as its steps end.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';
import { axisLine, axisTick, cursorFill, tooltipStyle } from '../../components/chart.js';
import { Panel } from '../../components/ui.js';
import { ChartBox } from '../llm/ChartBox.js';
import {
  byteUnit,
  type ChartRow,
  compactNumber,
  formatAbsDiff,
  formatTokensPerSec,
  logDomain,
} from './compress-rows.js';

const HEIGHT = 220;
const MARGIN = { top: 18, right: 12, bottom: 4, left: 0 };
const legendStyle = { fontSize: 12, color: 'var(--text)' };
/** The original's bars are grey: the variants are what is being judged. */
const ORIGINAL = 'var(--underutilised)';

type Format = (value: number) => string;
type NumberKey = { [K in keyof ChartRow]: ChartRow[K] extends number | null ? K : never }[keyof ChartRow];

interface Series {
  key: NumberKey;
  name: string;
  color: string;
}

function Bars(props: {
  rows: ChartRow[];
  series: Series[];
  /** Ticks and bar labels: the number in the title's unit. */
  short: Format;
  /** The tooltip: the number with its unit. */
  full: Format;
  /** Bar labels, when they need more than the ticks (a log axis ticks whole decades). */
  label?: Format;
  log?: boolean;
  testId: string;
}) {
  const labelFormat = props.label ?? props.short;
  const label = (v: unknown) => (typeof v === 'number' ? labelFormat(v) : '');
  const log = props.log ? logDomain(props.rows.flatMap((row) => props.series.map((s) => row[s.key]))) : null;
  return (
    <div data-testid={props.testId}>
      <ChartBox height={HEIGHT}>
        <BarChart data={props.rows} margin={MARGIN} barGap={2}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="label" tick={axisTick} axisLine={axisLine} tickLine={false} interval={0} />
          {log ? (
            <YAxis
              tick={axisTick}
              axisLine={axisLine}
              tickFormatter={props.short}
              width={48}
              scale="log"
              domain={log.domain}
              ticks={log.ticks}
              allowDataOverflow
            />
          ) : (
            <YAxis tick={axisTick} axisLine={axisLine} tickFormatter={props.short} width={48} />
          )}
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            formatter={(value, name) => [typeof value === 'number' ? props.full(value) : 'n/a', name]}
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

function SizeChart(props: { rows: ChartRow[] }) {
  const max = Math.max(0, ...props.rows.map((row) => row.fileBytes ?? 0));
  const { unit, scale } = byteUnit(max);
  return (
    <Panel title={`File size (${unit})`}>
      <Bars
        rows={props.rows}
        series={[
          { key: 'fileBytes', name: 'file', color: 'var(--accent)' },
          { key: 'gzipBytes', name: 'gzip', color: 'var(--phase-create)' },
        ]}
        short={(v) => compactNumber(v / scale)}
        full={(v) => formatBytes(v)}
        testId="compress-chart-size"
      />
    </Panel>
  );
}

function SpeedChart(props: { rows: ChartRow[]; llm: boolean; profiled: boolean }) {
  const { rows, llm } = props;
  const hasSpeed = rows.some((row) => (llm ? row.outputTokensPerSec : row.latencyP50Ms) !== null);
  return (
    <Panel title={llm ? 'Output tokens/s' : 'Latency p50 and p99 (ms)'}>
      {!props.profiled ? (
        <Missing>Not profiled: tick “Profile side by side” to measure speed.</Missing>
      ) : !hasSpeed ? (
        <Missing>No profile has ended yet.</Missing>
      ) : llm ? (
        <Bars
          rows={rows}
          series={[{ key: 'outputTokensPerSec', name: 'tokens/s', color: 'var(--phase-decode)' }]}
          short={compactNumber}
          full={formatTokensPerSec}
          testId="compress-chart-speed"
        />
      ) : (
        <Bars
          rows={rows}
          series={[
            { key: 'latencyP50Ms', name: 'p50', color: 'var(--phase-runs)' },
            { key: 'latencyP99Ms', name: 'p99', color: 'var(--phase-prefill)' },
          ]}
          short={compactNumber}
          full={(v) => formatMs(v)}
          testId="compress-chart-speed"
        />
      )}
    </Panel>
  );
}

function FidelityChart(props: { rows: ChartRow[] }) {
  const variants = props.rows.filter((row) => !row.baseline);
  if (variants.some((row) => row.top1Pct !== null)) {
    return (
      <Panel title="Top-1 agreement with fp32 (%)">
        <Bars
          rows={variants}
          series={[{ key: 'top1Pct', name: 'top-1 agreement', color: 'var(--ok)' }]}
          short={(v) => v.toFixed(0)}
          full={(v) => `${v.toFixed(1)} %`}
          testId="compress-chart-fidelity"
        />
      </Panel>
    );
  }
  return (
    <Panel title="Max |Δ| against fp32 (log scale)">
      {variants.some((row) => row.maxAbsDiff !== null) ? (
        <Bars
          rows={variants}
          series={[{ key: 'maxAbsDiff', name: 'max |Δ|', color: 'var(--warning)' }]}
          short={(v) => v.toExponential(0)}
          full={formatAbsDiff}
          label={formatAbsDiff}
          log
          testId="compress-chart-fidelity"
        />
      ) : (
        <Missing>No difference measured yet (an identical output draws no bar on a log scale).</Missing>
      )}
    </Panel>
  );
}

export function CompressionCharts(props: { rows: ChartRow[]; llm: boolean; profiled: boolean }) {
  return (
    <div className="compress-charts">
      <SizeChart rows={props.rows} />
      <SpeedChart rows={props.rows} llm={props.llm} profiled={props.profiled} />
      <FidelityChart rows={props.rows} />
    </div>
  );
}
