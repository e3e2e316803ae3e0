"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { addNote } from "@/components/alerts/api";

export function NoteForm({ alertId }: { alertId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="mt-3 space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await addNote(alertId, body);
          setBody("");
          router.refresh();
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <textarea className="input min-h-16 text-[13px]" aria-label="Note" placeholder="Add a note…" value={body} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
      <div className="flex items-center gap-2">
        <button type="submit" className="btn" disabled={busy || !body.trim()}>
          Add note
        </button>
        {error && <span role="alert" className="text-xs text-red-500">{error}</span>}
      </div>
    </form>
  );
}
