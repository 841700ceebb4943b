// The one table of the web app: columns as data, rows as records. Every cell carries its
// column's name (`data-label`), which narrow screens show beside the value when rows
// become stacked cards (styles.css). A column of buttons has a header only screen readers
// hear; the cell that names the row is its row header. Each cell's content sits in a
// bounded box (`.cell`), so a long text (a 100-character name, an e-mail) wraps there
// instead of pushing the other columns and the row's buttons out of sight; a column may
// truncate instead (`cell-ellipsis`), with the full text as a tooltip (`title`).
import type { ReactNode } from 'react';

export interface Column<Row> {
  /** The column's name: its header, and the label of its cells on narrow screens. */
  label: string;
  /** The cell that names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** A column of buttons: its header is for screen readers only, its cells unlabelled. */
  actions?: boolean;
  className?: string;
  cell: (row: Row) => ReactNode;
  /** The full text, as a tooltip: for a column that truncates (`className: 'cell-ellipsis'`). */
  title?: (row: Row) => string | undefined;
}

export function DataTable<Row>(props: {
  columns: ReadonlyArray<Column<Row> | false>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  caption?: ReactNode;
  /** The scrolling box around the table. */
  wrapperClassName?: string;
}) {
  const { rows, rowKey, rowClassName, caption, wrapperClassName = 'table-wrap' } = props;
  const columns = props.columns.filter((c): c is Column<Row> => c !== false);
  return (
    <div className={wrapperClassName}>
      <table className="table">
        {caption && <caption className="table__caption">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.actions ? <span className="visually-hidden">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) => {
                if (column.actions) {
                  return (
                    <td key={column.label} className={column.className ? `cell-actions ${column.className}` : 'cell-actions'}>
                      {column.cell(row)}
                    </td>
                  );
                }
                const Cell = column.rowHeader ? 'th' : 'td';
                return (
                  <Cell key={column.label} scope={column.rowHeader ? 'row' : undefined} data-label={column.label} className={column.className}>
                    <div className="cell" title={column.title?.(row)}>
                      {column.cell(row)}
                    </div>
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
