/** A dense, sortable table: click a header to sort, again to reverse. */
import { type ReactNode, useMemo, useState } from 'react';

export interface Column<Row> {
  key: string;
  label: string;
  render(row: Row): ReactNode;
  /** Absent: the column does not sort. Null values sort last either way. */
  sortValue?: (row: Row) => number | string | null;
  align?: 'left' | 'right';
  title?: string;
  className?: string;
}

interface Sort {
  key: string;
  descending: boolean;
}

function compare(a: number | string | null, b: number | string | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function DataTable<Row>(props: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
  initialSort?: Sort;
  onRowClick?: (row: Row) => void;
  empty?: ReactNode;
  testId?: string;
}) {
  const [sort, setSort] = useState<Sort | null>(props.initialSort ?? null);
  const sorted = useMemo(() => {
    const column = props.columns.find((c) => c.key === sort?.key);
    if (!sort || !column?.sortValue) return props.rows;
    const value = column.sortValue;
    return [...props.rows].sort((x, y) => {
      const a = value(x);
      const b = value(y);
      if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
      return sort.descending ? compare(b, a) : compare(a, b);
    });
  }, [props.rows, props.columns, sort]);

  const toggle = (column: Column<Row>) => {
    if (!column.sortValue) return;
    // Figures read biggest first, names A to Z.
    const first = props.rows[0];
    const numeric = first !== undefined && typeof column.sortValue(first) === 'number';
    setSort((old) =>
      old?.key === column.key
        ? { key: column.key, descending: !old.descending }
        : { key: column.key, descending: numeric },
    );
  };

  return (
    <table className="data-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((column) => {
            const active = sort?.key === column.key;
            return (
              <th
                key={column.key}
                className={`${column.align === 'right' ? 'num' : ''} ${column.sortValue ? 'sortable' : ''}`}
                title={column.title}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                onClick={() => toggle(column)}
              >
                {column.label}
                {active && <span className="sort-mark">{sort.descending ? ' ▾' : ' ▴'}</span>}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {sorted.length === 0 && (
          <tr>
            <td className="table-empty" colSpan={props.columns.length}>
              {props.empty ?? 'Nothing to show.'}
            </td>
          </tr>
        )}
        {sorted.map((row) => (
          <tr
            key={props.rowKey(row)}
            className={props.onRowClick ? 'clickable' : undefined}
            onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
          >
            {props.columns.map((column) => (
              <td key={column.key} className={`${column.align === 'right' ? 'num' : ''} ${column.className ?? ''}`}>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
