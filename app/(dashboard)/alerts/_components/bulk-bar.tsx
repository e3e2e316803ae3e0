"use client";

/** Appears with a selection: "select all N matching", then acknowledge / close / assign. */
export function BulkBar({
  selectedCount,
  pageCount,
  matchingCount,
  allMatching,
  onSelectAllMatching,
  onClear,
  onAcknowledge,
  onClose,
  onAssign,
  busy,
}: {
  selectedCount: number;
  pageCount: number;
  matchingCount: number;
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onAcknowledge: () => void;
  onClose: () => void;
  onAssign: () => void;
  busy: boolean;
}) {
  const n = allMatching ? matchingCount : selectedCount;
  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-md border border-sky-500/40 bg-sky-500/10 px-3 py-1.5 text-sm">
      <span className="font-medium">{allMatching ? `All ${matchingCount} alerts matching this filter are selected` : `${selectedCount} selected`}</span>
      {!allMatching && selectedCount === pageCount && matchingCount > pageCount && (
        <button type="button" className="text-sky-600 underline hover:no-underline dark:text-sky-400" onClick={onSelectAllMatching}>
          Select all {matchingCount} matching this filter
        </button>
      )}
      <button type="button" className="text-slate-500 underline hover:no-underline" onClick={onClear}>
        Clear
      </button>
      <div className="ml-auto flex gap-2">
        <button type="button" className="btn !py-1" disabled={busy} onClick={onAcknowledge}>
          Acknowledge {n}
        </button>
        <button type="button" className="btn !py-1" disabled={busy} onClick={onClose}>
          Close {n}…
        </button>
        <button type="button" className="btn !py-1" disabled={busy} onClick={onAssign}>
          Assign…
        </button>
      </div>
    </div>
  );
}
