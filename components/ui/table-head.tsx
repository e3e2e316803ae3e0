/** A column of TableHead: its label, and whether it holds numbers (aligned right). */
export interface HeadCell {
  label: string;
  numeric?: boolean;
}

/** The header row of the dashboard's plain tables, in one style. */
export function TableHead({ cells }: { cells: (string | HeadCell)[] }) {
  return (
    <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <tr>
        {cells.map((c) => {
          const cell = typeof c === "string" ? { label: c } : c;
          return (
            <th key={cell.label} scope="col" className={`px-3 py-2 font-medium ${cell.numeric ? "text-right" : ""}`}>
              {cell.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
