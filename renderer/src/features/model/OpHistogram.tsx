/** Node count per op type, largest first (subgraph bodies included, as the graph holds them). */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axisLine, axisTick, cursorFill, tooltipStyle } from '../../components/chart.js';

const ROW_PX = 20;

export function OpHistogram(props: { opCounts: Record<string, number> }) {
  const data = Object.entries(props.opCounts)
    .map(([opType, count]) => ({ opType, count }))
    .sort((a, b) => b.count - a.count || a.opType.localeCompare(b.opType));
  if (data.length === 0) return <p className="muted">The graph has no nodes.</p>;
  const widest = Math.max(...data.map((d) => d.opType.length));
  return (
    <div style={{ height: data.length * ROW_PX + 40 }} data-testid="op-histogram">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }} barCategoryGap={3}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" allowDecimals={false} tick={axisTick} axisLine={axisLine} tickLine={false} />
          <YAxis
            type="category"
            dataKey="opType"
            width={Math.min(180, 12 + widest * 7)}
            tick={axisTick}
            axisLine={axisLine}
            tickLine={false}
            interval={0}
          />
          <Tooltip {...tooltipStyle} cursor={cursorFill} formatter={(value) => [value, 'nodes']} />
          <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
