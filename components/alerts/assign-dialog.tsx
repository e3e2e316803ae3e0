"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";

/** Assigns an alert (or a selection) to someone, to the current user, or to nobody. */
export function AssignDialog({
  open,
  onClose,
  onConfirm,
  me,
  current,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: (assignee: string | null) => void;
  me: string;
  current?: string | null;
}) {
  const [value, setValue] = useState(current ?? "");
  return (
    <Dialog open={open} onClose={onClose} title="Assign">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(value.trim() || null);
        }}
        className="space-y-3"
      >
        <label className="block text-xs text-slate-500">
          Assignee
          <input className="input mt-1" value={value} onChange={(e) => setValue(e.target.value)} placeholder="name or email" autoFocus />
        </label>
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className="btn" onClick={() => onConfirm(null)}>
            Unassign
          </button>
          <button type="button" className="btn" onClick={() => onConfirm(me)}>
            Assign to me
          </button>
          <button type="submit" className="btn-primary" disabled={!value.trim()}>
            Assign
          </button>
        </div>
      </form>
    </Dialog>
  );
}
