/**
 * The projections against the baseline, one small chart per metric so each keeps its own
 * scale (a model read of 3 ms and a session create of 60 ms share no useful axis), and
 * where each projection's time per run goes.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Rectangle, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarShapeProps } from 'recharts';
import { formatMs } from '../../../../electron/shared/format.js';
import { axisLine, axisTick, cursorFill, tooltipStyle } from '../../components/chart.js';
import { formatPerSec } from '../../components/format.js';
import { ChartBox } from '../llm/ChartBox.js';
import {
  METRIC_CHARTS,
  type BreakdownDatum,
  type MachineRow,
  type MetricChart,
  breakdownBars,
  metricBars,
} from './projection-rows.js';
import type { WhatIfReport } from '../../../../electron/shared/api.js';

const ROW_PX = 26;

/** The hovered bar's full machine name: the axis shows a short one. */
function fullNameOf(payload: ReadonlyArray<{ payload?: unknown }> | undefined): string {
  const datum = payload?.[0]?.payload;
  return typeof datum === 'object' && datum !== null && 'fullName' in datum ? String(datum.fullName) : '';
}

function formatFor(unit: MetricChart['unit']): (value: number) => string {
  if (unit === 'ms') return (v) => formatMs(v);
  return (v) => formatPerSec(v, unit === 'tokensPerSec' ? 'tok/s' : '/s');
}

function MetricBarChart(props: { chart: MetricChart; rows: MachineRow[]; colorOf(id: string): string }) {
  const bars = metricBars(props.rows, props.chart.key);
  const format = formatFor(props.chart.unit);
  if (bars.length === 0) return null;
  const colors = bars.map((b) => props.colorOf(b.id));
  return (
    <figure className="whatif-chart" data-testid={`whatif-chart-${props.chart.key}`}>
      <figcaption>
        {props.chart.title}{' '}
        <span className="whatif-muted">{props.chart.lowerIsBetter ? '(lower is better)' : '(higher is better)'}</span>
      </figcaption>
      <ChartBox height={bars.length * ROW_PX + 30}>
        <BarChart layout="vertical" data={bars} margin={{ top: 4, right: 84, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" tick={axisTick} axisLine={axisLine} tickLine={false} tickFormatter={format} />
          <YAxis type="category" dataKey="name" width={176} tick={axisTick} axisLine={axisLine} tickLine={false} />
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            labelFormatter={(_, payload) => fullNameOf(payload)}
            formatter={(value) => [format(Number(value)), props.chart.title]}
          />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            shape={(p: BarShapeProps) => <Rectangle {...p} fill={colors[p.index] ?? 'var(--accent)'} />}
          >
            <LabelList
              dataKey="value"
              position="right"
              fill="var(--text)"
              fontSize={11}
              formatter={(v) => format(Number(v)).replace(' ', '\u00a0')}
            />
          </Bar>
        </BarChart>
      </ChartBox>
    </figure>
  );
}

export function MetricCharts(props: { rows: MachineRow[]; llm: boolean; colorOf(id: string): string }) {
  const charts = METRIC_CHARTS.filter((c) => props.llm || !c.llmOnly);
  return (
    <div className="whatif-charts">
      {charts.map((chart) => (
        <MetricBarChart key={chart.key} chart={chart} rows={props.rows} colorOf={props.colorOf} />
      ))}
    </div>
  );
}

const PARTS: Array<{ key: keyof Omit<BreakdownDatum, 'id' | 'name'>; label: string; color: string }> = [
  { key: 'computeMs', label: 'compute', color: 'var(--compute)' },
  { key: 'memoryMs', label: 'memory', color: 'var(--memory-bandwidth)' },
  { key: 'transferMs', label: 'transfer', color: 'var(--communication)' },
  { key: 'otherMs', label: 'other', color: 'var(--underutilised)' },
];

/** Projected time per run by class, one stacked bar per projection. */
export function BreakdownChart(props: { report: WhatIfReport }) {
  const bars = breakdownBars(props.report);
  if (bars.length === 0) return null;
  return (
    <div data-testid="whatif-breakdown">
      <ChartBox height={bars.length * (ROW_PX + 6) + 56}>
        <BarChart layout="vertical" data={bars} margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis
            type="number"
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            tickFormatter={(v) => formatMs(v)}
          />
          <YAxis type="category" dataKey="name" width={190} tick={axisTick} axisLine={axisLine} tickLine={false} />
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            labelFormatter={(_, payload) => fullNameOf(payload)}
            formatter={(value, name) => [formatMs(Number(value)), name]}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text)' }} itemSorter={null} />
          {PARTS.map((part) => (
            <Bar
              key={part.key}
              dataKey={part.key}
              name={part.label}
              stackId="run"
              fill={part.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartBox>
    </div>
  );
}
