"use client";

import { useEffect, useState } from "react";
import { UNDO_MS, type UndoOffer } from "./use-triage";

/** "Closed: 3 alerts — Undo (9 s)": a live region, the Undo button, the seconds left. */
export function UndoToast({ offer, onUndo, onDismiss }: { offer: UndoOffer | null; onUndo: () => void; onDismiss: () => void }) {
  const [left, setLeft] = useState(UNDO_MS / 1000);
  useEffect(() => {
    if (!offer) return;
    const started = Date.now();
    setLeft(UNDO_MS / 1000);
    const timer = setInterval(() => setLeft(Math.max(0, Math.ceil((UNDO_MS - (Date.now() - started)) / 1000))), 250);
    return () => clearInterval(timer);
  }, [offer]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center">
      {offer && (
        <div data-testid="undo-toast" className="pointer-events-auto flex items-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <span>{offer.message}</span>
          <button type="button" className="btn !py-1 font-semibold" onClick={onUndo}>
            Undo
          </button>
          <span className="text-xs text-slate-500 tabular-nums" aria-hidden>
            {left} s
          </span>
          <button type="button" className="text-slate-500 hover:text-slate-900 dark:hover:text-slate-100" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
