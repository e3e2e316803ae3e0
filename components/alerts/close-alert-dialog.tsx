"use client";

import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CLOSE_REASONS, CLOSING_REASON_LABELS } from "./format";

/**
 * Asks why an alert (or a selection) is closed. No reason is chosen beforehand: Enter or the button
 * does nothing until the analyst picks one (click, arrow keys, or the digit shown beside it).
 */
export function CloseAlertDialog({ open, onClose, onConfirm, count = 1 }: { open: boolean; onClose: () => void; onConfirm: (reason: string) => void; count?: number }) {
  const [reason, setReason] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (open) {
      setReason(null);
      setTried(false);
    }
  }, [open]);
  return (
    <Dialog open={open} onClose={onClose} title={count === 1 ? "Close alert" : `Close ${count} alerts`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason) onConfirm(reason);
          else setTried(true);
        }}
        onKeyDown={(e) => {
          const i = Number(e.key) - 1;
          if (Number.isInteger(i) && CLOSE_REASONS[i]) {
            e.preventDefault();
            setReason(CLOSE_REASONS[i]!);
          }
        }}
      >
        <fieldset className="space-y-1.5" aria-describedby={tried && !reason ? "close-reason-needed" : undefined}>
          <legend className="mb-2 text-xs text-slate-500">Closing reason (required)</legend>
          {CLOSE_REASONS.map((r, i) => (
            <label key={r} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
              <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} className="accent-sky-500" autoFocus={i === 0} />
              <span className="flex-1">{CLOSING_REASON_LABELS[r]}</span>
              <kbd className="rounded border border-slate-300 px-1 font-mono text-[10px] text-slate-500 dark:border-slate-700">{i + 1}</kbd>
            </label>
          ))}
        </fieldset>
        {tried && !reason && (
          <p id="close-reason-needed" role="alert" className="mt-2 text-xs text-rose-600 dark:text-rose-400">
            Pick a closing reason first.
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" aria-disabled={!reason}>
            Close {count === 1 ? "alert" : `${count} alerts`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
