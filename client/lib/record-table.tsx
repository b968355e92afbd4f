import type { ReactNode } from 'react';

export type RecordColumn<R> = { header: string; cell: (row: R) => ReactNode };

export type RecordTableProps<R> = {
  /** the table's accessible name */
  label: string;
  rows: readonly R[];
  id: (row: R) => number;
  /** data attributes of a row, e.g. { 'data-user-id': 7 } (tests find rows by them) */
  rowData: (row: R) => Record<`data-${string}`, string | number>;
  /** the first column: the record's name as a button, and a line under it */
  nameHeader: string;
  name: (row: R) => string;
  detail: (row: R) => string;
  columns: RecordColumn<R>[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** filters before the count, if any */
  filters?: ReactNode;
  count: string;
  countTestId: string;
  /** under the table (e.g. "only the first 200 shown") */
  note?: ReactNode;
};

/** A register's table: filters and count, then one selectable row per record. */
export function RecordTable<R>(props: RecordTableProps<R>) {
  return (
    <section className="committee-table register-table" aria-label={props.label}>
      <div className="committee-table__filters">
        {props.filters}
        <span className="committee-table__count" data-testid={props.countTestId}>
          {props.count}
        </span>
      </div>
      <div className="committee-table__scroll">
        <table>
          <thead>
            <tr>
              <th>{props.nameHeader}</th>
              {props.columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => {
              const id = props.id(row);
              return (
                <tr
                  key={id}
                  {...props.rowData(row)}
                  aria-selected={id === props.selectedId}
                  onClick={() => props.onSelect(id)}
                >
                  <td>
                    <button type="button" className="link-button">
                      {props.name(row)}
                    </button>
                    <small>{props.detail(row)}</small>
                  </td>
                  {props.columns.map((c) => (
                    <td key={c.header}>{c.cell(row)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {props.note}
      </div>
    </section>
  );
}
