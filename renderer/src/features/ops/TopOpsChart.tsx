/** The ops that take the most kernel time per run, as horizontal bars coloured by their verdict. */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../../electron/shared/format.js';
import { axisLine, axisTick, cursorFill, shorten, tooltipStyle } from '../../components/chart.js';
import { labelColor } from '../../components/labels.js';
import type { OpRow } from './op-rows.js';

const TOP = 12;
const ROW_PX = 22;

export function TopOpsChart(props: { rows: OpRow[] }) {
  const data = props.rows
    .filter((row): row is OpRow & { perRunMs: number } => row.perRunMs !== null)
    .sort((a, b) => b.perRunMs - a.perRunMs)
    .slice(0, TOP)
    .map((row) => ({ ...row, short: shorten(row.name, 30) }));
  if (data.length === 0) return <p className="muted">No kernel times in this session.</p>;
  const widest = Math.max(...data.map((d) => d.short.length));
  return (
    <div style={{ height: data.length * ROW_PX + 36 }} data-testid="top-ops-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barCategoryGap={3}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis
            type="number"
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            tickFormatter={(ms: number) => formatMs(ms)}
          />
          <YAxis
            type="category"
            dataKey="short"
            width={Math.min(220, 16 + widest * 6.6)}
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            interval={0}
          />
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            labelFormatter={(_label, payload) => payload[0]?.payload.name ?? ''}
            formatter={(value) => [formatMs(Number(value)), 'per run']}
          />
          <Bar dataKey="perRunMs" isAnimationActive={false}>
            {data.map((row) => (
              <Cell key={row.key} fill={row.label ? labelColor(row.label) : 'var(--accent)'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
