/** The confirmation shown after saving an entry (from the form's redirect). */
export function SavedNotice({ saved, closed }: { saved: string | null; closed: number }) {
  if (!saved) return null;
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-300">
      Saved <span className="font-medium">{saved}</span>.
      {closed > 0 && ` ${closed} matching open alert${closed === 1 ? " was" : "s were"} closed as allowlisted.`}
    </div>
  );
}
