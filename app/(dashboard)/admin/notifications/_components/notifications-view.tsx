"use client";

import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { apiFetch, apiSend } from "@/components/api/client";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { deadLetterColumns, destinationColumns } from "@/components/data-table/notifications/columns";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { DeadLetterJson } from "@/lib/notify/read-destinations";
import type { DestinationJson } from "@/lib/notify/serialize-destination";
import type { SendResult } from "@/lib/notify/types";
import { DestinationDialog } from "./destination-dialog";

export interface RuleOption {
  ruleId: string;
  name: string;
}

type TestOutcome = { name: string; result: SendResult } | { name: string; error: string };

/** Admin → Notifications: destinations (create, edit, delete, send a test) and the dead-letter list with Retry. */
export function NotificationsView({
  initialDestinations,
  initialDeadLetters,
  rules,
  now,
}: {
  initialDestinations: DestinationJson[];
  initialDeadLetters: DeadLetterJson[];
  rules: RuleOption[];
  now: number;
}) {
  const [destinations, setDestinations] = useState(initialDestinations);
  const [deadLetters, setDeadLetters] = useState(initialDeadLetters);
  const [editing, setEditing] = useState<DestinationJson | "new" | null>(null);
  const [toDelete, setToDelete] = useState<DestinationJson | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ruleNames = useMemo(() => new Map(rules.map((r) => [r.ruleId, r.name])), [rules]);

  async function refresh() {
    const [d, l] = await Promise.all([
      apiFetch<{ destinations: DestinationJson[] }>("/api/v1/notifications"),
      apiFetch<{ deadLetters: DeadLetterJson[] }>("/api/v1/notifications/dead-letters"),
    ]);
    setDestinations(d.destinations);
    setDeadLetters(l.deadLetters);
  }

  async function sendTest(d: DestinationJson) {
    setTesting(d.id);
    setOutcome(null);
    const res = await apiSend<{ result: SendResult }>(`/api/v1/notifications/${d.id}/test`, "POST", {});
    setTesting(null);
    setOutcome(res.ok ? { name: d.name, result: res.data.result } : { name: d.name, error: res.error });
  }

  async function retry(l: DeadLetterJson) {
    setRetrying(l.id);
    const res = await apiSend<{ requeued: number }>(`/api/v1/notifications/dead-letters/${l.id}/retry`, "POST", {});
    setRetrying(null);
    if (!res.ok) return setNotice(res.error);
    setDeadLetters((list) => list.filter((x) => x.id !== l.id && (l.messageId === null || x.messageId !== l.messageId)));
    setNotice(`Queued again for ${l.destination.name}: the worker sends it now, with the same message id.`);
  }

  async function remove(): Promise<string | null> {
    if (!toDelete) return null;
    const res = await apiSend(`/api/v1/notifications/${toDelete.id}`, "DELETE");
    if (!res.ok) return res.error;
    setDestinations((list) => list.filter((d) => d.id !== toDelete.id));
    setDeadLetters((list) => list.filter((l) => l.destination.id !== toDelete.id));
    setNotice(`Deleted ${toDelete.name}.`);
    setToDelete(null);
    return null;
  }

  const destTable = useReactTable({
    data: destinations,
    columns: useMemo(() => destinationColumns({ now, ruleNames, testing, onEdit: setEditing, onDelete: setToDelete, onTest: sendTest }), [now, ruleNames, testing]),
    getRowId: (d) => d.id,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
  });
  const deadTable = useReactTable({
    data: deadLetters,
    columns: useMemo(() => deadLetterColumns({ now, retrying, onRetry: retry }), [now, retrying]),
    getRowId: (d) => d.id,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
  });

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          New alerts and incidents go out from the worker to each destination whose routing accepts them, retried until delivered.
        </p>
        <button type="button" className="btn-primary ml-auto" onClick={() => setEditing("new")}>
          New destination
        </button>
      </div>
      {notice && (
        <div role="status" className="mb-3 rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </div>
      )}
      {outcome && <TestResult outcome={outcome} onClose={() => setOutcome(null)} />}
      {destinations.length === 0 ? (
        <EmptyState title="No destinations">Add a webhook, a Slack or Teams channel, a SIEM over syslog, or a mailbox.</EmptyState>
      ) : (
        <div className="card">
          <DataTable table={destTable} label="Notification destinations" />
        </div>
      )}

      <h2 className="mt-6 mb-2 text-sm font-semibold">Dead letters</h2>
      <p className="mb-2 text-sm text-slate-500 dark:text-slate-400">Messages that failed every attempt. Retry sends one again with a fresh set of attempts.</p>
      {deadLetters.length === 0 ? (
        <EmptyState title="No dead letters">Every message was delivered or is still being retried.</EmptyState>
      ) : (
        <div className="card">
          <DataTable table={deadTable} label="Dead letters" />
        </div>
      )}

      {editing && (
        <DestinationDialog
          destination={editing === "new" ? null : editing}
          rules={rules}
          onClose={() => setEditing(null)}
          onSaved={async (d) => {
            setDestinations((list) => (list.some((x) => x.id === d.id) ? list.map((x) => (x.id === d.id ? { ...d, counts: x.counts, lastDeliveredAt: x.lastDeliveredAt } : x)) : [...list, d]));
            setNotice(null);
            await refresh().catch(() => undefined);
          }}
        />
      )}
      {toDelete && (
        <ConfirmDialog title="Delete destination?" confirmLabel="Delete destination" danger onCancel={() => setToDelete(null)} onConfirm={remove}>
          <span className="font-medium text-slate-900 dark:text-slate-100">{toDelete.name}</span> stops receiving notifications; its queued and dead messages are
          deleted with it.
        </ConfirmDialog>
      )}
    </>
  );
}

function TestResult({ outcome, onClose }: { outcome: TestOutcome; onClose: () => void }) {
  const ok = "result" in outcome && outcome.result.ok;
  const tone = ok
    ? "border-emerald-500/40 bg-emerald-500/10 text-emerald-800 dark:text-emerald-200"
    : "border-rose-500/40 bg-rose-500/10 text-rose-800 dark:text-rose-200";
  return (
    <div role="status" aria-label="Test result" className={`mb-3 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {"error" in outcome ? (
            <p>
              Test to {outcome.name} not sent: {outcome.error}
            </p>
          ) : (
            <>
              <p className="font-medium">
                Test to {outcome.name}: {outcome.result.ok ? "delivered" : "failed"}
                {outcome.result.status !== null ? ` (${outcome.result.status})` : ""} in {outcome.result.durationMs} ms
              </p>
              <p className="mt-1 text-xs">The receiver answered:</p>
              <pre className="mt-1 max-h-40 overflow-auto font-mono text-xs whitespace-pre-wrap">{outcome.result.response || "(an empty answer)"}</pre>
            </>
          )}
        </div>
        <button type="button" className="btn px-2 py-1 text-xs" onClick={onClose}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
