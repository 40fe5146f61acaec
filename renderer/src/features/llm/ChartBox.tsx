/** A chart that takes its container's width at a fixed height, so screens lay charts out with CSS. */
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export function ChartBox(props: { height: number; children: ReactElement }) {
  return (
    <div className="chart-box" style={{ width: '100%', height: props.height }}>
      <ResponsiveContainer width="100%" height="100%">
        {props.children}
      </ResponsiveContainer>
    </div>
  );
}
