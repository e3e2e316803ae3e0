"use client";

/** "N shown of M", and the first / next page buttons (keyset cursor in the URL). */
export function AlertsPager({ shown, matching, cursor, nextCursor, onPage }: { shown: number; matching: number; cursor: string | null; nextCursor: string | null; onPage: (cursor: string | null) => void }) {
  return (
    <div className="flex items-center gap-2 text-xs text-slate-500">
      <span>
        {shown} shown of {matching}
      </span>
      <div className="ml-auto flex gap-2">
        {cursor && (
          <button type="button" className="btn !py-1" onClick={() => onPage(null)}>
            First page
          </button>
        )}
        {nextCursor && (
          <button type="button" className="btn !py-1" onClick={() => onPage(nextCursor)}>
            Next page
          </button>
        )}
      </div>
    </div>
  );
}
