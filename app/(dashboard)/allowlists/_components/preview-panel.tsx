"use client";

import Link from "next/link";
import type { AllowlistPreview } from "@/lib/allowlist/preview-allowlist";

/** The live impact of the draft: open alerts it would close, alerts it would have prevented. */
export function PreviewPanel({ preview, error, loading }: { preview: AllowlistPreview | null; error: string | null; loading: boolean }) {
  return (
    <section aria-label="Preview" className="card p-4 lg:sticky lg:top-16">
      <div className="mb-3 flex items-center gap-2">
        <h2 className="text-sm font-semibold">Impact preview</h2>
        {loading && <span className="text-xs text-slate-500">updating…</span>}
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-800 dark:text-amber-300">
          {error}
        </p>
      ) : !preview ? (
        <p className="text-sm text-slate-500">Add a condition to see which alerts this entry matches.</p>
      ) : (
        <>
          {!preview.active && <p className="mb-3 text-xs text-amber-600 dark:text-amber-400">The entry is disabled or expired: it would match nothing.</p>}
          <div className="grid grid-cols-2 gap-3">
            <Stat label="open alerts it would close" value={preview.openAlerts} testId="preview-open" />
            <Stat label={`alerts prevented in the last ${preview.days} days`} value={preview.recentAlerts} testId="preview-recent" />
          </div>
          {preview.byHost.length > 0 && <Breakdown title="By host" rows={preview.byHost.map((h) => ({ key: h.hostId, label: h.hostName ?? h.hostId, count: h.count }))} />}
          {preview.bySourceIp.length > 0 && (
            <Breakdown title="By source IP" rows={preview.bySourceIp.map((s) => ({ key: s.sourceIp ?? "-", label: s.sourceIp ?? "(none)", count: s.count }))} />
          )}
          {preview.sample.length > 0 && (
            <div className="mt-4">
              <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Sample</h3>
              <ul className="space-y-1.5 text-xs">
                {preview.sample.map((a) => (
                  <li key={a.id} className="rounded border border-slate-200 px-2 py-1.5 dark:border-slate-800">
                    <Link prefetch={false} href={`/alerts/${a.id}`} className="line-clamp-2 break-all text-sky-700 hover:underline dark:text-sky-400">
                      {a.reason}
                    </Link>
                    <div className="mt-0.5 text-slate-500">
                      {a.host.name ?? a.host.id} · {a.sourceIp ?? "no source IP"} · {a.status}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-md bg-slate-100 px-3 py-2 dark:bg-slate-800/60">
      <div className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString("en-US")}
      </div>
      <div className="text-xs text-slate-500 dark:text-slate-400">{label}</div>
    </div>
  );
}

function Breakdown({ title, rows }: { title: string; rows: { key: string; label: string; count: number }[] }) {
  const max = Math.max(...rows.map((r) => r.count));
  return (
    <div className="mt-4">
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <ul className="space-y-1 text-xs">
        {rows.map((r) => (
          <li key={r.key} className="grid grid-cols-[minmax(0,1fr)_3rem] items-center gap-2">
            <div className="relative overflow-hidden rounded bg-slate-100 px-2 py-0.5 dark:bg-slate-800/60">
              <div className="absolute inset-y-0 left-0 bg-sky-500/20" style={{ width: `${(100 * r.count) / max}%` }} />
              <span className="relative break-all font-mono">{r.label}</span>
            </div>
            <span className="text-right tabular-nums">{r.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
