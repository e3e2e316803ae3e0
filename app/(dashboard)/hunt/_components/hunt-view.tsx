"use client";

import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { apiFetch, ApiError } from "@/components/api/client";
import { DataTable } from "@/components/data-table/data-table";
import { DEFAULT_HUNT_COLUMNS, huntColumns } from "@/components/data-table/hunt/columns";
import { formatTime } from "@/components/format";
import type { HuntResult } from "@/lib/hunt/run-hunt";
import type { SavedHuntJson } from "@/lib/hunt/saved-hunts";
import type { HuntPrefill } from "../search-params";
import { QueryEditor } from "./query-editor";
import { SavedHuntsPanel } from "./saved-hunts-panel";

const HuntHistogram = dynamic(() => import("@/components/charts/hunt-histogram").then((m) => m.HuntHistogram), { ssr: false, loading: () => <div className="h-40" /> });

const PRESETS = [
  { label: "1 h", ms: 3600_000 },
  { label: "24 h", ms: 24 * 3600_000 },
  { label: "7 d", ms: 7 * 24 * 3600_000 },
  { label: "30 d", ms: 30 * 24 * 3600_000 },
];

export interface HuntForm {
  query: string;
  from: string;
  to: string;
  hostId: string;
  ip: string;
}

type Running = { id: string; scanned: number; startedAt: number };

/** The hunt page: the form, Run / Cancel with progress, the histogram, the results table, export, saved hunts. */
export function HuntView({ prefill, canMakeRules, userId }: { prefill: HuntPrefill; canMakeRules: boolean; userId: string }) {
  const [form, setForm] = useState<HuntForm>({ query: prefill.query, from: prefill.from, to: prefill.to, hostId: prefill.hostId, ip: prefill.ip });
  const [limit, setLimit] = useState(1000);
  const [columnsText, setColumnsText] = useState(DEFAULT_HUNT_COLUMNS.join(", "));
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<{ data: HuntResult; form: HuntForm } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const set = (patch: Partial<HuntForm>) => setForm((f) => ({ ...f, ...patch }));

  const body = useCallback(
    (f: HuntForm) => ({ query: f.query, from: f.from, to: f.to, limit, ...(f.hostId.trim() && { hostId: f.hostId.trim() }), ...(f.ip.trim() && { ip: f.ip.trim() }) }),
    [limit],
  );

  const run = useCallback(async () => {
    if (running) return;
    const id = crypto.randomUUID();
    const submitted = form;
    setError(null);
    setRunning({ id, scanned: 0, startedAt: Date.now() });
    poll.current = setInterval(async () => {
      const p = await apiFetch<{ scanned: number }>(`/api/v1/hunt/${id}`).catch(() => null);
      if (p) setRunning((r) => (r && r.id === id ? { ...r, scanned: p.scanned } : r));
    }, 400);
    try {
      const data = await apiFetch<HuntResult>("/api/v1/hunt", { method: "POST", body: { id, ...body(submitted) } });
      setResult({ data, form: submitted });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      if (poll.current) clearInterval(poll.current);
      setRunning(null);
    }
  }, [running, form, body]);

  const cancel = async () => {
    if (running) await apiFetch(`/api/v1/hunt/${running.id}`, { method: "DELETE" }).catch(() => undefined);
  };

  // A prefilled link ("hunt around this") runs at once.
  const ranPrefill = useRef(false);
  useEffect(() => {
    if (!ranPrefill.current && (prefill.hostId || prefill.ip)) {
      ranPrefill.current = true;
      void run();
    }
  }, [prefill.hostId, prefill.ip, run]);
  useEffect(() => () => void (poll.current && clearInterval(poll.current)), []);

  const fields = useMemo(() => columnsText.split(",").map((s) => s.trim()).filter(Boolean), [columnsText]);
  const rows = useMemo(() => (result?.data.matches ?? []).map((m, index) => ({ ...m, index })), [result]);
  const columns = useMemo(() => huntColumns(fields), [fields]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });

  const download = async (format: "ndjson" | "csv") => {
    if (!result) return;
    setError(null);
    const res = await fetch(`/api/v1/hunt/export?format=${format}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body(result.form), columns: fields }),
    });
    if (!res.ok) {
      setError((await res.json().catch(() => null))?.error?.message ?? `Export failed (${res.status})`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `hunt.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const openSaved = (h: SavedHuntJson) => {
    const now = Date.now();
    const w = "last" in h.window ? { from: new Date(now - durationMs(h.window.last)).toISOString(), to: new Date(now).toISOString() } : h.window;
    setForm({ query: h.query, from: w.from, to: w.to, hostId: h.hostId ?? "", ip: h.ip ?? "" });
  };

  const windowBad = Number.isNaN(Date.parse(form.from)) || Number.isNaN(Date.parse(form.to));
  return (
    <div className="grid gap-4 xl:grid-cols-[1fr_18rem]">
      <div className="flex min-w-0 flex-col gap-4">
        <form
          className="card flex flex-col gap-3 p-3"
          aria-label="Hunt"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <QueryEditor value={form.query} onChange={(query) => set({ query })} onRun={() => void run()} />
          <div className="grid gap-3 md:grid-cols-2 lg:grid-cols-4">
            <label className="text-xs font-medium text-slate-500">
              From (UTC, ISO 8601)
              <input className="input mt-1 font-mono" value={form.from} onChange={(e) => set({ from: e.target.value })} />
            </label>
            <label className="text-xs font-medium text-slate-500">
              To
              <input className="input mt-1 font-mono" value={form.to} onChange={(e) => set({ to: e.target.value })} />
            </label>
            <label className="text-xs font-medium text-slate-500">
              Host (host.id)
              <input className="input mt-1 font-mono" value={form.hostId} placeholder="any host" onChange={(e) => set({ hostId: e.target.value })} />
            </label>
            <label className="text-xs font-medium text-slate-500">
              Address (source or destination)
              <input className="input mt-1 font-mono" value={form.ip} placeholder="any address" onChange={(e) => set({ ip: e.target.value })} />
            </label>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-slate-500">Last</span>
            {PRESETS.map((p) => (
              <button
                key={p.label}
                type="button"
                className="btn"
                onClick={() => {
                  const now = Date.now();
                  set({ from: new Date(now - p.ms).toISOString(), to: new Date(now).toISOString() });
                }}
              >
                {p.label}
              </button>
            ))}
            <label className="ml-2 flex items-center gap-1 text-xs text-slate-500">
              Limit
              <input type="number" min={1} max={10000} className="input w-24" value={limit} onChange={(e) => setLimit(Math.max(1, Math.min(10000, Number(e.target.value) || 1)))} />
            </label>
            <div className="ml-auto flex items-center gap-2">
              {running && (
                <span role="status" data-testid="hunt-progress" className="text-xs text-slate-500">
                  Running… {running.scanned.toLocaleString("en")} events scanned
                </span>
              )}
              {running ? (
                <button type="button" className="btn" onClick={() => void cancel()}>
                  Cancel
                </button>
              ) : null}
              <button type="submit" className="btn-primary" disabled={!!running || windowBad}>
                Run hunt
              </button>
            </div>
          </div>
        </form>

        {error && (
          <div role="alert" className="card p-3 text-sm text-rose-600 dark:text-rose-300">
            {error}
          </div>
        )}

        {result && (
          <section aria-label="Results" className="card flex flex-col gap-3 p-3">
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              <strong data-testid="hunt-summary">
                {result.data.matches.length.toLocaleString("en")} {plural(result.data.matches.length, result.data.kind === "sequence" ? "sequence" : "event")}
                {result.data.truncated ? " (truncated)" : ""}
              </strong>
              <span className="text-xs text-slate-500">
                {result.data.scanned.toLocaleString("en")} events scanned in {result.data.tookMs} ms · {formatTime(result.form.from)} to {formatTime(result.form.to)}
              </span>
              {result.data.cancelled && <span className="text-xs text-amber-700 dark:text-amber-400">Cancelled: the results found until then</span>}
              {result.data.timedOut && <span className="text-xs text-amber-700 dark:text-amber-400">Stopped at the time limit: narrow the window or the query</span>}
              {result.data.truncated && !result.data.cancelled && !result.data.timedOut && (
                <span className="text-xs text-amber-700 dark:text-amber-400">More matches exist than the limit: narrow the query or raise the limit</span>
              )}
              <div className="ml-auto flex gap-2">
                <button type="button" className="btn" onClick={() => void download("ndjson")}>
                  Export NDJSON
                </button>
                <button type="button" className="btn" onClick={() => void download("csv")}>
                  Export CSV
                </button>
              </div>
            </div>
            <HuntHistogram
              times={result.data.matches.map((m) => Date.parse(m.refs[0]?.timestamp ?? result.form.from))}
              from={Date.parse(result.form.from)}
              to={Date.parse(result.form.to)}
            />
            <label className="text-xs font-medium text-slate-500">
              Columns (any field, comma-separated)
              <input className="input mt-1 font-mono" value={columnsText} onChange={(e) => setColumnsText(e.target.value)} />
            </label>
            {rows.length === 0 ? <p className="text-sm text-slate-500">No match in this window.</p> : <DataTable table={table} label="Hunt results" />}
          </section>
        )}
      </div>
      <SavedHuntsPanel form={form} canMakeRules={canMakeRules} userId={userId} onOpen={openSaved} />
    </div>
  );
}

function durationMs(text: string): number {
  const m = /^(\d+)(m|h|d)$/.exec(text);
  if (!m) return 24 * 3600_000;
  return Number(m[1]) * { m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as "m" | "h" | "d"];
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
