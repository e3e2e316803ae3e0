import { formatTime } from "@/components/format";
import { Section } from "@/components/ui/section";
import type { IncidentActivityJson } from "@/lib/incidents/types";

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : Array.isArray(v) ? `${v.length}` : "");

/** One sentence per activity row (its details are plain data: rendered as text). */
export function activityText(a: IncidentActivityJson): string {
  const d = a.details ?? {};
  switch (a.kind) {
    case "created":
      return "Created by grouping";
    case "grouped":
      return `Alerts joined by grouping${str(d.alertIds) ? ` (${str(d.alertIds)})` : ""}`;
    case "rename":
      return `Renamed${str(d.from) ? ` from “${str(d.from)}”` : ""} to “${str(d.to ?? d.title)}”`;
    case "assign":
      return d.to || d.assignee ? `Assigned to ${str(d.to ?? d.assignee)}` : "Unassigned";
    case "note":
      return str(d.body ?? d.note ?? d.text);
    case "status":
      return `Status ${str(d.from)}${str(d.from) ? " → " : ""}${str(d.to ?? d.status)}${str(d.closingReason ?? d.reason) ? ` (${str(d.closingReason ?? d.reason).replace(/_/g, " ")})` : ""}`;
    case "merge":
      return `Merged${str(d.otherNumber ?? d.other ?? d.otherId) ? ` with ${str(d.otherNumber ?? d.other ?? d.otherId)}` : ""}`;
    case "split":
      return `Split out ${str(d.alertIds) || "some"} alerts${str(d.newNumber ?? d.into ?? d.newId) ? ` into ${str(d.newNumber ?? d.into ?? d.newId)}` : ""}`;
    case "reopened":
      return "Reopened";
    default:
      return a.kind;
  }
}

export function IncidentActivity({ activity }: { activity: IncidentActivityJson[] }) {
  return (
    <Section title="Activity">
      <ol aria-label="Incident activity" className="space-y-2 text-sm">
        {[...activity].reverse().map((a) => (
          <li key={a.id} data-kind={a.kind}>
            <div className="text-xs text-slate-600 dark:text-slate-300">
              <span className="font-mono">{formatTime(a.at)}</span> · {a.actor ?? "system"}
            </div>
            <div className={`break-words ${a.kind === "note" ? "whitespace-pre-wrap" : ""}`}>{activityText(a)}</div>
          </li>
        ))}
        {activity.length === 0 && <li className="text-slate-500">No activity yet.</li>}
      </ol>
    </Section>
  );
}
