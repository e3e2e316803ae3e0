"use client";

import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { apiSend } from "@/components/api/client";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { apiKeyColumns } from "@/components/data-table/api-keys/columns";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiKeyJson } from "@/lib/users/serialize-api-key";
import { CreateKeyDialog } from "./create-key-dialog";

export function ApiKeysView({ initialKeys, now }: { initialKeys: ApiKeyJson[]; now: number }) {
  const [keys, setKeys] = useState(initialKeys);
  const [creating, setCreating] = useState(false);
  const [toRevoke, setToRevoke] = useState<ApiKeyJson | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns = useMemo(() => apiKeyColumns({ now, onRevoke: setToRevoke }), [now]);
  const table = useReactTable({ data: keys, columns, getRowId: (k) => k.id, getCoreRowModel: getCoreRowModel(), enableSorting: false });

  async function revoke(): Promise<string | null> {
    if (!toRevoke) return null;
    const res = await apiSend<{ apiKey: ApiKeyJson }>(`/api/v1/api-keys/${toRevoke.id}`, "DELETE");
    if (!res.ok) return res.error;
    setKeys((list) => list.map((k) => (k.id === res.data.apiKey.id ? res.data.apiKey : k)));
    setNotice(`Revoked ${res.data.apiKey.name}: requests with it are refused from now on.`);
    setToRevoke(null);
    return null;
  }

  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {active} active key{active === 1 ? "" : "s"}. Keys are stored hashed: a key is shown once, when it is created.
        </p>
        <button type="button" className="btn-primary ml-auto" onClick={() => setCreating(true)}>
          New API key
        </button>
      </div>
      {notice && (
        <div role="status" className="mb-3 rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-2 text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </div>
      )}
      {keys.length === 0 ? (
        <EmptyState title="No API keys">Create an ingest key for event shippers, or a read key for dashboards and scripts.</EmptyState>
      ) : (
        <div className="card">
          <DataTable table={table} label="API keys" />
        </div>
      )}
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setKeys((list) => [k, ...list]);
            setNotice(null);
          }}
        />
      )}
      {toRevoke && (
        <ConfirmDialog title="Revoke API key?" confirmLabel="Revoke key" danger onCancel={() => setToRevoke(null)} onConfirm={revoke}>
          <span className="font-medium text-slate-900 dark:text-slate-100">{toRevoke.name}</span>{" "}
          (<code className="font-mono text-xs">{toRevoke.display}</code>, {toRevoke.scope}) stops working immediately. This cannot be undone.
        </ConfirmDialog>
      )}
    </>
  );
}
