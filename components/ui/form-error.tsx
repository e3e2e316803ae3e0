/** A form's error message, announced to screen readers. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-rose-700 dark:text-rose-300">
      {error}
    </p>
  );
}

/** Cancel and submit buttons at the foot of a dialog's form. */
export function DialogActions({ onCancel, busy, submitLabel, busyLabel }: { onCancel: () => void; busy: boolean; submitLabel: string; busyLabel: string }) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  );
}

/** The single button that closes a dialog once its work is done. */
export function DoneAction({ onDone }: { onDone: () => void }) {
  return (
    <div className="mt-5 flex justify-end">
      <button type="button" className="btn-primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
