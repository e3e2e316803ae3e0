import { CLOSING_REASON_LABELS } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import type { ActivityJson } from "@/lib/triage/serialize-activity";
import { NoteForm } from "./note-form";

const DOT: Record<string, string> = {
  status: "bg-violet-500",
  assign: "bg-sky-500",
  checklist: "bg-emerald-500",
  note: "bg-amber-500",
  allowlist: "bg-rose-500",
  created: "bg-slate-500",
};

function describe(a: ActivityJson): React.ReactNode {
  const d = a.details as Record<string, unknown>;
  const s = (v: unknown) => (v === null || v === undefined ? "nobody" : String(v));
  switch (a.kind) {
    case "status":
      return d.from === d.to ? (
        <>changed the closing reason to {CLOSING_REASON_LABELS[s(d.closingReason)] ?? s(d.closingReason)}</>
      ) : (
        <>
          {d.to === "closed" ? "closed" : d.from === "closed" ? "reopened" : `set status ${s(d.to)}`}
          {d.to === "closed" && d.closingReason ? ` as ${CLOSING_REASON_LABELS[s(d.closingReason)] ?? s(d.closingReason)}` : ""}
        </>
      );
    case "assign":
      return d.to ? <>assigned to {s(d.to)}</> : <>unassigned</>;
    case "checklist":
      return (
        <>
          {d.done ? "ticked" : "unticked"} “{s(d.step)}”
        </>
      );
    case "note":
      return <>added a note</>;
    case "allowlist":
      return <>allowlist: {s(d.action ?? d.name ?? d.entryName ?? "matched an entry")}</>;
    case "created":
      return <>alert created</>;
    default:
      return a.kind;
  }
}

/** Status changes, assignments, checklist ticks, notes and allowlist actions, oldest first. */
export function ActivityTimeline({ alertId, activity, canTriage }: { alertId: string; activity: ActivityJson[]; canTriage: boolean }) {
  return (
    <Section title="Activity">
      {activity.length === 0 && <p className="text-sm text-slate-500">No activity yet.</p>}
      <ol aria-label="Activity timeline" className="space-y-2">
        {activity.map((a) => (
          <li key={a.id} className="flex gap-2 text-[13px]">
            <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${DOT[a.kind] ?? "bg-slate-500"}`} />
            <div className="min-w-0">
              <div>
                <span className="font-medium">{a.actor ?? "system"}</span> <span className="text-slate-600 dark:text-slate-300">{describe(a)}</span>
              </div>
              {a.kind === "note" && <p className="mt-0.5 rounded bg-slate-100 px-2 py-1 whitespace-pre-wrap break-words dark:bg-slate-800/60">{String((a.details as { body?: unknown }).body ?? "")}</p>}
              {a.kind === "checklist" && (a.details as { comment?: unknown }).comment ? (
                <p className="text-xs text-slate-500 italic">“{String((a.details as { comment?: unknown }).comment)}”</p>
              ) : null}
              <time dateTime={a.at} className="font-mono text-[11px] text-slate-500">
                {formatTime(a.at)}
              </time>
            </div>
          </li>
        ))}
      </ol>
      {canTriage && <NoteForm alertId={alertId} />}
    </Section>
  );
}
