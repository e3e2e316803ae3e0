"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";

/** Asks before a consequential action; shows the action's error inside the dialog. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onCancel,
  onConfirm,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<string | null>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open title={title} onClose={onCancel}>
      <div className="text-sm text-slate-600 dark:text-slate-300">{children}</div>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy}
          className={`btn-primary ${danger ? "bg-rose-600 hover:bg-rose-500" : ""}`}
          onClick={async () => {
            setBusy(true);
            setError(await onConfirm());
            setBusy(false);
          }}
        >
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
