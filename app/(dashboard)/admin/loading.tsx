export default function AdminLoading() {
  return (
    <div role="status" aria-label="Loading" className="card animate-pulse space-y-3 p-4">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-5 rounded bg-slate-200 dark:bg-slate-800" style={{ width: `${90 - i * 8}%` }} />
      ))}
      <span className="sr-only">Loading…</span>
    </div>
  );
}
