"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface Outcome {
  file: string;
  status: "imported" | "updated" | "unchanged" | "refused";
  ruleId: string | null;
  name: string | null;
  version: number | null;
  reason: string | null;
}

const TONE: Record<Outcome["status"], string> = {
  imported: "text-emerald-700 dark:text-emerald-400",
  updated: "text-emerald-700 dark:text-emerald-400",
  unchanged: "text-slate-600 dark:text-slate-400",
  refused: "text-rose-700 dark:text-rose-400",
};

/**
 * Admins: import Elastic detection-rules TOML files (POST /api/v1/rules/import). Each file's outcome
 * is listed, refused ones with the reason; imported rules appear below, disabled until enabled.
 */
export function RuleImportForm() {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!files.length) return;
    setBusy(true);
    setError(null);
    setOutcomes(null);
    try {
      const body = { files: await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() }))) };
      const res = await fetch("/api/v1/rules/import", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      setOutcomes(json.outcomes as Outcome[]);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="card p-4" aria-labelledby="rule-import-title">
      <h2 id="rule-import-title" className="text-sm font-semibold">
        Import Elastic detection rules
      </h2>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        TOML files from elastic/detection-rules (type and language <code>eql</code>). Imported rules are disabled until you enable them, and then evaluate
        the events ingested from then on.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <label className="text-sm">
          <span className="sr-only">Rule files</span>
          <input
            type="file"
            name="rules"
            accept=".toml"
            multiple
            aria-label="Rule files"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            className="text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-200 file:px-3 file:py-1 dark:file:bg-slate-700"
          />
        </label>
        <button type="submit" className="btn" disabled={busy || !files.length}>
          {busy ? "Importing…" : `Import${files.length ? ` ${files.length} file${files.length > 1 ? "s" : ""}` : ""}`}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-3 text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}
      {outcomes && (
        <ul aria-label="Import results" className="mt-3 space-y-1 text-sm">
          {outcomes.map((o, i) => (
            <li key={`${o.file}-${i}`} data-status={o.status}>
              <span className={`font-medium ${TONE[o.status]}`}>{o.status}</span> <span className="font-mono text-xs">{o.file}</span>
              {o.name && <span> — {o.name}</span>}
              {o.version !== null && <span className="text-slate-500"> v{o.version}</span>}
              {o.reason && <div className="ml-4 text-xs text-slate-600 dark:text-slate-400">{o.reason}</div>}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
