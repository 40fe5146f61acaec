/** Time metrics of A and B side by side, one group per metric. */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../../../../electron/shared/format.js';
import { axisLine, axisTick, cursorFill, tooltipStyle } from '../../components/chart.js';
import { ChartBox } from '../llm/ChartBox.js';
import type { TimeBar } from './compare-rows.js';

export const SIDE_COLORS = { a: 'var(--accent)', b: 'var(--phase-create)' } as const;

export function TimeBars(props: { bars: TimeBar[]; testId: string }) {
  if (props.bars.length === 0) return <p className="compare-muted">Neither session has these figures.</p>;
  // Bars are narrower than "13.2 ms": labels carry the number only; the axis and tooltip give the unit.
  const label = (v: unknown) =>
    typeof v !== 'number' ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return (
    <div data-testid={props.testId}>
      <ChartBox height={240}>
        <BarChart data={props.bars} margin={{ top: 18, right: 12, bottom: 4, left: 8 }} barGap={2}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="label" tick={axisTick} axisLine={axisLine} tickLine={false} interval={0} />
          <YAxis tick={axisTick} axisLine={axisLine} tickFormatter={(v: number) => formatMs(v)} width={64} />
          <Tooltip
            {...tooltipStyle}
            cursor={cursorFill}
            formatter={(value, name) => [typeof value === 'number' ? formatMs(value) : 'n/a', name]}
          />
          <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text)' }} itemSorter={null} />
          <Bar dataKey="a" name="A" fill={SIDE_COLORS.a} isAnimationActive={false}>
            <LabelList dataKey="a" position="top" fill="var(--muted)" fontSize={10} formatter={label} />
          </Bar>
          <Bar dataKey="b" name="B" fill={SIDE_COLORS.b} isAnimationActive={false}>
            <LabelList dataKey="b" position="top" fill="var(--muted)" fontSize={10} formatter={label} />
          </Bar>
        </BarChart>
      </ChartBox>
    </div>
  );
}
