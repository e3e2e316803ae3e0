"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CLOSING_REASON_LABELS } from "./format";

const REASONS = ["false_positive", "true_positive", "benign", "duplicate"] as const;

/** Asks why an alert (or a selection) is closed. */
export function CloseAlertDialog({ open, onClose, onConfirm, count = 1 }: { open: boolean; onClose: () => void; onConfirm: (reason: string) => void; count?: number }) {
  const [reason, setReason] = useState<string>("false_positive");
  return (
    <Dialog open={open} onClose={onClose} title={count === 1 ? "Close alert" : `Close ${count} alerts`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason);
        }}
      >
        <fieldset className="space-y-1.5">
          <legend className="mb-2 text-xs text-slate-500">Closing reason</legend>
          {REASONS.map((r) => (
            <label key={r} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
              <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} className="accent-sky-500" />
              {CLOSING_REASON_LABELS[r]}
            </label>
          ))}
        </fieldset>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" autoFocus>
            Close {count === 1 ? "alert" : `${count} alerts`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
