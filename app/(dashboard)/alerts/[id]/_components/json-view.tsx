/**
 * A JSON document rendered as text spans (never as HTML). Fields whose dotted path is in
 * `highlight` are marked: the values that enrichment added or changed.
 */
export function JsonView({ value, highlight }: { value: unknown; highlight: Set<string> }) {
  return (
    <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-[12px] leading-5 dark:bg-slate-950">
      <Node value={value} path="" indent={0} highlight={highlight} />
    </pre>
  );
}

function Node({ value, path, indent, highlight }: { value: unknown; path: string; indent: number; highlight: Set<string> }) {
  const pad = "  ".repeat(indent + 1);
  const end = "  ".repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return <>[]</>;
    return (
      <>
        {"[\n"}
        {value.map((v, i) => (
          <span key={i}>
            {pad}
            <Node value={v} path={path} indent={indent + 1} highlight={highlight} />
            {i < value.length - 1 ? ",\n" : "\n"}
          </span>
        ))}
        {end}]
      </>
    );
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return <>{"{}"}</>;
    return (
      <>
        {"{\n"}
        {entries.map(([k, v], i) => {
          const p = path ? `${path}.${k}` : k;
          const marked = highlight.has(p);
          return (
            <span key={k} data-enriched={marked || undefined} className={marked ? "rounded bg-amber-400/20 ring-1 ring-amber-500/40" : undefined} title={marked ? "Added or changed by enrichment" : undefined}>
              {pad}
              <span className="text-sky-700 dark:text-sky-300">{JSON.stringify(k)}</span>:{" "}
              <Node value={v} path={p} indent={indent + 1} highlight={highlight} />
              {i < entries.length - 1 ? ",\n" : "\n"}
            </span>
          );
        })}
        {end}
        {"}"}
      </>
    );
  }
  const color = typeof value === "string" ? "text-emerald-700 dark:text-emerald-300" : typeof value === "number" ? "text-amber-700 dark:text-amber-300" : "text-violet-600 dark:text-violet-300";
  return <span className={color}>{JSON.stringify(value)}</span>;
}
