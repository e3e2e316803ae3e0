"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiSend } from "@/components/api/client";

/** Admin controls: enable/disable (PATCH /api/v1/rules/:id) and run now (POST /api/v1/rules/:id/run). */
export function RuleControls({ ruleId, name, enabled, canWrite }: { ruleId: string; name: string; enabled: boolean; canWrite: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/v1/rules/${encodeURIComponent(ruleId)}`;

  async function call(url: string, method: string, body: unknown, done: string) {
    setBusy(true);
    setMessage(null);
    const res = await apiSend(url, method, body);
    setBusy(false);
    setMessage(res.ok ? done : res.error);
    if (res.ok) router.refresh();
  }

  return (
    <div className="flex items-center gap-2 whitespace-nowrap">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-label={`Enabled: ${name}`}
        disabled={!canWrite || busy}
        title={canWrite ? undefined : "Only admins can change rules"}
        onClick={() => call(base, "PATCH", { enabled: !enabled }, enabled ? "Disabled" : "Enabled")}
        className={`relative h-5 w-9 rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${enabled ? "bg-emerald-500" : "bg-slate-400 dark:bg-slate-600"}`}
      >
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${enabled ? "left-4.5" : "left-0.5"}`} />
      </button>
      {canWrite && (
        <button type="button" className="btn py-1 text-xs" disabled={busy} onClick={() => call(`${base}/run`, "POST", undefined, "Run requested")}>
          Run now
        </button>
      )}
      {message && (
        <span role="status" className="text-xs text-slate-500">
          {message}
        </span>
      )}
    </div>
  );
}
