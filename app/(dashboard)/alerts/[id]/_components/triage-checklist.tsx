"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { setChecklistItem } from "@/components/alerts/api";
import { ChecklistProgress } from "@/components/alerts/badges";
import { formatTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import type { ChecklistItemJson } from "@/lib/triage/checklist-json";

/**
 * The investigation guide's steps as a checklist with who ticked each and when, and a comment.
 * `texts` are the steps' markdown already rendered on the server (by item id).
 */
export function TriageChecklist({ alertId, items: initial, texts, canTriage }: { alertId: string; items: ChecklistItemJson[]; texts: Record<string, React.ReactNode>; canTriage: boolean }) {
  // The answers of this page's own updates are the truth here (a refresh may land out of order).
  const [items, setItems] = useState(initial);
  const done = items.filter((i) => i.done).length;
  const onSaved = (next: ChecklistItemJson) => setItems((list) => list.map((i) => (i.id === next.id ? next : i)));
  return (
    <Section title="Triage checklist" actions={<ChecklistProgress done={done} total={items.length} />}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">This rule's guide has no investigation steps.</p>
      ) : (
        <ol aria-label="Investigation steps" className="space-y-1">
          {items.map((item, i) => (
            <ChecklistRow key={item.id} alertId={alertId} item={item} text={texts[item.id]} index={i} canTriage={canTriage} onSaved={onSaved} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function ChecklistRow({
  alertId,
  item,
  text,
  index,
  canTriage,
  onSaved,
}: {
  alertId: string;
  item: ChecklistItemJson;
  text: React.ReactNode;
  index: number;
  canTriage: boolean;
  onSaved: (item: ChecklistItemJson) => void;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState(item.comment ?? "");
  const [done, setDone] = useState(item.done);
  useEffect(() => setDone(item.done), [item.done]);

  async function save(body: { done: boolean; comment?: string | null }) {
    setBusy(true);
    setError(null);
    setDone(body.done);
    try {
      onSaved((await setChecklistItem(alertId, item.id, body)).item);
      setEditing(false);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setDone(item.done);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-step-id={item.id} className={`rounded-md px-2 py-1.5 ${done ? "bg-emerald-500/5" : ""}`}>
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1 accent-emerald-500"
          aria-label={`Step ${index + 1} done`}
          checked={done}
          disabled={!canTriage || busy}
          onChange={(e) => save({ done: e.target.checked })}
        />
        <div className={`min-w-0 flex-1 ${done ? "text-slate-500" : ""}`}>
          {text}
          <div className="mt-0.5 flex flex-wrap items-center gap-2 text-[11px] text-slate-500">
            {item.done && item.doneBy && (
              <span>
                ✓ {item.doneBy} · {formatTime(item.doneAt)}
              </span>
            )}
            {item.comment && !editing && <span className="italic text-slate-600 dark:text-slate-400">“{item.comment}”</span>}
            {canTriage && !editing && (
              <button type="button" className="underline hover:no-underline" onClick={() => setEditing(true)}>
                {item.comment ? "Edit comment" : "Comment"}
              </button>
            )}
          </div>
          {editing && (
            <form
              className="mt-1 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                save({ done: item.done, comment: comment.trim() || null });
              }}
            >
              <input className="input !py-1 text-xs" aria-label={`Comment on step ${index + 1}`} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} autoFocus />
              <button type="submit" className="btn !py-1" disabled={busy}>
                Save
              </button>
              <button type="button" className="btn !py-1" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </form>
          )}
          {error && <p role="alert" className="text-xs text-red-500">{error}</p>}
        </div>
      </div>
    </li>
  );
}
