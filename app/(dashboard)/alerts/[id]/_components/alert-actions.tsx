"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { patchAlert, type AlertUpdateBody } from "@/components/alerts/api";
import { AssignDialog } from "@/components/alerts/assign-dialog";
import { CLOSING_REASON_LABELS } from "@/components/alerts/format";

const CLOSE_REASONS = ["false_positive", "true_positive", "benign", "duplicate"] as const;

/** Acknowledge, close with a reason, reopen, assign, and the allowlist shortcut. */
export function AlertActions({ alertId, status, assignee, me }: { alertId: string; status: string; assignee: string | null; me: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [closing, setClosing] = useState(false);

  async function update(body: AlertUpdateBody) {
    setBusy(true);
    setError(null);
    setAssigning(false);
    setClosing(false);
    try {
      await patchAlert(alertId, body);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "open" && (
        <button type="button" className="btn" disabled={busy} onClick={() => update({ status: "acknowledged" })}>
          Acknowledge
        </button>
      )}
      {status !== "closed" ? (
        <div className="relative">
          <button type="button" className="btn" aria-expanded={closing} disabled={busy} onClick={() => setClosing((c) => !c)}>
            Close as…
          </button>
          {closing && (
            <div role="menu" aria-label="Close as" className="card absolute left-0 z-20 mt-1 w-44 p-1 shadow-lg">
              {CLOSE_REASONS.map((r) => (
                <button key={r} role="menuitem" type="button" className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => update({ status: "closed", closingReason: r })}>
                  {CLOSING_REASON_LABELS[r]}
                </button>
              ))}
            </div>
          )}
        </div>
      ) : (
        <button type="button" className="btn" disabled={busy} onClick={() => update({ status: "open" })}>
          Reopen
        </button>
      )}
      {assignee !== me && (
        <button type="button" className="btn" disabled={busy} onClick={() => update({ assignee: me })}>
          Assign to me
        </button>
      )}
      <button type="button" className="btn" disabled={busy} onClick={() => setAssigning(true)}>
        Assign…
      </button>
      <Link href={`/allowlists/new?fromAlert=${encodeURIComponent(alertId)}`} className="btn">
        Create allowlist entry from this alert
      </Link>
      {error && (
        <span role="alert" className="text-sm text-red-500">
          {error}
        </span>
      )}
      <AssignDialog open={assigning} me={me} current={assignee} onClose={() => setAssigning(false)} onConfirm={(a) => update({ assignee: a })} />
    </div>
  );
}
