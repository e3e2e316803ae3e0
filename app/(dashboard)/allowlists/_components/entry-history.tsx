"use client";

import { useEffect, useState } from "react";
import { conditionSummary, formatTimestamp } from "@/lib/allowlist/format";
import type { AllowlistChangeJson } from "@/lib/allowlist/serialize-entry";
import type { AllowlistCondition } from "@/lib/allowlist/types";
import { apiSend } from "@/components/api/client";

type Snapshot = Record<string, unknown> & { conditions?: AllowlistCondition[] };

const ACTION_LABELS: Record<string, string> = {
  created: "Created",
  updated: "Edited",
  enabled: "Enabled",
  disabled: "Disabled",
  deleted: "Deleted",
  closed_alerts: "Closed alerts",
};

function describe(c: AllowlistChangeJson): string[] {
  if (c.action === "closed_alerts") {
    const n = (c.after as { count?: number } | null)?.count ?? 0;
    return [`${n} open alert${n === 1 ? "" : "s"} closed as allowlisted`];
  }
  const before = (c.before ?? {}) as Snapshot;
  const after = (c.after ?? {}) as Snapshot;
  if (c.action === "created") return (after.conditions ?? []).map(conditionSummary);
  if (c.action !== "updated") return [];
  const lines: string[] = [];
  for (const key of ["name", "comment", "ruleId", "caseInsensitive", "expiresAt", "enabled"]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) lines.push(`${key}: ${String(before[key] ?? "—")} → ${String(after[key] ?? "—")}`);
  }
  const bc = (before.conditions ?? []).map(conditionSummary).join(" AND ");
  const ac = (after.conditions ?? []).map(conditionSummary).join(" AND ");
  if (bc !== ac) lines.push(`conditions: ${bc} → ${ac}`);
  return lines;
}

/** The change history of one entry, newest first (fetched when the row is expanded). */
export function EntryHistory({ entryId, version }: { entryId: string; version: number }) {
  const [changes, setChanges] = useState<AllowlistChangeJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    apiSend<{ changes: AllowlistChangeJson[] }>(`/api/v1/allowlist/${entryId}/history`, "GET").then((r) => {
      if (!live) return;
      if (r.ok) setChanges(r.data.changes);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [entryId, version]);

  if (error) return <p className="text-sm text-rose-600">{error}</p>;
  if (!changes) return <p className="text-sm text-slate-500">Loading history…</p>;
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Change history</h3>
      <ol className="space-y-2 border-l border-slate-200 pl-4 dark:border-slate-700" aria-label="Change history">
        {changes.map((c) => (
          <li key={c.id} className="relative text-sm">
            <span className="absolute -left-[21px] top-1.5 h-2 w-2 rounded-full bg-sky-500" />
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium">{ACTION_LABELS[c.action] ?? c.action}</span>
              <span className="text-xs text-slate-500">
                {formatTimestamp(c.at)} · {c.actor ?? "system"}
              </span>
            </div>
            {describe(c).map((line, i) => (
              <div key={i} className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">
                {line}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
