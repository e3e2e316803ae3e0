"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { AlertUpdateBody } from "@/components/alerts/api";
import { AssignDialog } from "@/components/alerts/assign-dialog";
import { CLOSE_REASONS, CLOSING_REASON_LABELS } from "@/components/alerts/format";
import { UndoToast } from "@/components/alerts/undo-toast";
import { useTriage } from "@/components/alerts/use-triage";
import { MenuButton } from "@/components/ui/menu-button";
import type { AlertStatus } from "@/lib/alerts/types";

/** Acknowledge, close with a reason (a menu: no reason is ever implied), reopen, assign, Undo, and the allowlist shortcut. */
export function AlertActions({ alertId, status, assignee, me }: { alertId: string; status: string; assignee: string | null; me: string }) {
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  const triage = useTriage(refresh);
  const [assigning, setAssigning] = useState(false);
  // After "close as false positive", offer the allowlist entry (with its preview) in the same flow.
  const [offerAllowlist, setOfferAllowlist] = useState(false);
  const known = { [alertId]: status as AlertStatus };

  async function update(body: AlertUpdateBody, what: string) {
    setAssigning(false);
    const ok = await triage.apply({ ids: [alertId] }, body, what, known);
    setOfferAllowlist(ok && body.closingReason === "false_positive");
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "open" && (
        <button type="button" className="btn" disabled={triage.busy} onClick={() => update({ status: "acknowledged" }, "Acknowledged")}>
          Acknowledge
        </button>
      )}
      {status !== "closed" ? (
        <MenuButton
          label="Close as…"
          menuLabel="Close as"
          disabled={triage.busy}
          items={CLOSE_REASONS.map((r) => ({ label: CLOSING_REASON_LABELS[r]!, onSelect: () => update({ status: "closed", closingReason: r }, `Closed as ${CLOSING_REASON_LABELS[r]!.toLowerCase()}`) }))}
        />
      ) : (
        <button type="button" className="btn" disabled={triage.busy} onClick={() => update({ status: "open" }, "Reopened")}>
          Reopen
        </button>
      )}
      {assignee !== me && (
        <button type="button" className="btn" disabled={triage.busy} onClick={() => update({ assignee: me }, "Assigned")}>
          Assign to me
        </button>
      )}
      <button type="button" className="btn" disabled={triage.busy} onClick={() => setAssigning(true)}>
        Assign…
      </button>
      <Link prefetch={false} href={`/allowlists/new?fromAlert=${encodeURIComponent(alertId)}`} className="btn">
        Create allowlist entry from this alert
      </Link>
      {triage.notice?.startsWith("Failed") || triage.notice?.startsWith("Undo failed") ? (
        <span role="alert" className="text-sm text-red-500">
          {triage.notice}
        </span>
      ) : (
        triage.notice && (
          <span role="status" className="text-sm text-slate-500">
            {triage.notice}
          </span>
        )
      )}
      {offerAllowlist && status === "closed" && (
        <div role="status" aria-label="False positive follow-up" className="basis-full rounded-md border border-sky-700/50 bg-sky-500/10 px-3 py-2 text-sm">
          Closed as false positive. Stop alerts like this one:{" "}
          <Link prefetch={false} href={`/allowlists/new?fromAlert=${encodeURIComponent(alertId)}`} className="font-medium text-sky-600 underline dark:text-sky-400">
            create an allowlist entry from it
          </Link>{" "}
          — the form previews which open and past alerts it would match before you save.
        </div>
      )}
      <AssignDialog open={assigning} me={me} current={assignee} onClose={() => setAssigning(false)} onConfirm={(a) => update({ assignee: a }, "Assigned")} />
      <UndoToast offer={triage.undo} onUndo={triage.runUndo} onDismiss={triage.dismissUndo} />
    </div>
  );
}
