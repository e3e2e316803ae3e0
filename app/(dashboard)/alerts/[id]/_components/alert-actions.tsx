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
  // After "close as false positive", offer the allowlist entry (with its preview) in the same flow.
  const [offerAllowlist, setOfferAllowlist] = useState(false);

  async function update(body: AlertUpdateBody) {
    setBusy(true);
    setError(null);
    setAssigning(false);
    setClosing(false);
    try {
      await patchAlert(alertId, body);
      setOfferAllowlist(body.closingReason === "false_positive");
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
      {offerAllowlist && (
        <div role="status" aria-label="False positive follow-up" className="basis-full rounded-md border border-sky-700/50 bg-sky-950/40 px-3 py-2 text-sm">
          Closed as false positive. Stop alerts like this one:{" "}
          <Link href={`/allowlists/new?fromAlert=${encodeURIComponent(alertId)}`} className="font-medium text-sky-400 underline">
            create an allowlist entry from it
          </Link>{" "}
          — the form previews which open and past alerts it would match before you save.
        </div>
      )}
      <AssignDialog open={assigning} me={me} current={assignee} onClose={() => setAssigning(false)} onConfirm={(a) => update({ assignee: a })} />
    </div>
  );
}
