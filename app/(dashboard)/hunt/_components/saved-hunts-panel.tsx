"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, apiSend } from "@/components/api/client";
import type { SavedHuntJson } from "@/lib/hunt/saved-hunts";
import type { HuntForm } from "./hunt-view";

/**
 * Saved hunts: the user's own and the shared ones. Open one into the form, save the form as a new
 * one (private or shared), delete one's own; admins make one a detection rule (severity, risk
 * score, interval) or remove its rule.
 */
export function SavedHuntsPanel({ form, canMakeRules, userId, onOpen }: { form: HuntForm; canMakeRules: boolean; userId: string; onOpen: (h: SavedHuntJson) => void }) {
  const [hunts, setHunts] = useState<SavedHuntJson[] | null>(null);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [relative, setRelative] = useState(true);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [ruleFor, setRuleFor] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await apiSend<{ hunts: SavedHuntJson[] }>("/api/v1/hunts", "GET");
    if (r.ok) setHunts(r.data.hunts);
    else setMessage({ error: true, text: r.error });
  }, []);
  useEffect(() => void load(), [load]);

  const save = async () => {
    const body = {
      name,
      query: form.query,
      window: relative ? { last: lastOf(Date.parse(form.to) - Date.parse(form.from)) } : { from: new Date(form.from).toISOString(), to: new Date(form.to).toISOString() },
      hostId: form.hostId.trim() || null,
      ip: form.ip.trim() || null,
      shared,
    };
    const r = await apiSend("/api/v1/hunts", "POST", body);
    setMessage(r.ok ? { error: false, text: `Saved "${name}"` } : { error: true, text: r.error });
    if (r.ok) {
      setName("");
      await load();
    }
  };

  const remove = async (h: SavedHuntJson) => {
    const r = await apiSend(`/api/v1/hunts/${h.id}`, "DELETE");
    setMessage(r.ok ? { error: false, text: `Deleted "${h.name}"` } : { error: true, text: r.error });
    await load();
  };

  const removeRule = async (h: SavedHuntJson) => {
    const r = await apiSend(`/api/v1/hunts/${h.id}/rule`, "DELETE");
    setMessage(r.ok ? { error: false, text: `"${h.name}" is no longer a detection rule` } : { error: true, text: r.error });
    await load();
  };

  return (
    <aside aria-label="Saved hunts" className="card flex h-fit flex-col gap-3 p-3">
      <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">Saved hunts</h2>
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="text-xs font-medium text-slate-500">
          Save this hunt as
          <input className="input mt-1" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" />
        </label>
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared with everyone
        </label>
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={relative} onChange={(e) => setRelative(e.target.checked)} /> Window relative to now (the last {lastOf(Date.parse(form.to) - Date.parse(form.from))})
        </label>
        <button type="submit" className="btn" disabled={!name.trim()}>
          Save
        </button>
      </form>
      {message && (
        <p role={message.error ? "alert" : "status"} className={`text-xs ${message.error ? "text-rose-600 dark:text-rose-300" : "text-emerald-700 dark:text-emerald-400"}`}>
          {message.text}
        </p>
      )}
      {hunts === null ? (
        <p className="text-xs text-slate-500">Loading…</p>
      ) : hunts.length === 0 ? (
        <p className="text-xs text-slate-500">No saved hunts yet.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {hunts.map((h) => (
            <li key={h.id} className="flex flex-col gap-1 py-2">
              <div className="flex items-center gap-2">
                <button type="button" className="truncate text-left font-medium text-sky-600 hover:underline dark:text-sky-400" onClick={() => onOpen(h)} title={h.query}>
                  {h.name}
                </button>
                <span className="ml-auto text-[11px] text-slate-500">{h.shared ? "shared" : "private"}</span>
              </div>
              <div className="text-[11px] text-slate-500">
                {h.owner.id === userId ? "yours" : h.owner.label}
                {h.rule && (
                  <span className="ml-2 rounded bg-amber-100 px-1 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300">
                    rule · {h.rule.severity} · {h.rule.riskScore} · every {h.rule.interval}
                  </span>
                )}
              </div>
              <div className="flex flex-wrap gap-2 text-xs">
                {h.editable && !h.rule && (
                  <button type="button" className="text-rose-600 hover:underline dark:text-rose-300" onClick={() => void remove(h)} aria-label={`Delete ${h.name}`}>
                    Delete
                  </button>
                )}
                {canMakeRules && !h.rule && (
                  <button type="button" className="hover:underline" onClick={() => setRuleFor(ruleFor === h.id ? null : h.id)}>
                    Make detection rule…
                  </button>
                )}
                {canMakeRules && h.rule && (
                  <button type="button" className="hover:underline" onClick={() => void removeRule(h)}>
                    Remove rule
                  </button>
                )}
              </div>
              {ruleFor === h.id && (
                <RuleForm
                  hunt={h}
                  onDone={async (text, isError) => {
                    setMessage({ error: isError, text });
                    if (!isError) setRuleFor(null);
                    await load();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function RuleForm({ hunt, onDone }: { hunt: SavedHuntJson; onDone: (text: string, isError: boolean) => Promise<void> }) {
  const [severity, setSeverity] = useState("medium");
  const [riskScore, setRiskScore] = useState(47);
  const [interval, setRuleInterval] = useState("5m");
  return (
    <form
      aria-label={`Detection rule from ${hunt.name}`}
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-2 dark:border-slate-700"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await apiFetch(`/api/v1/hunts/${hunt.id}/rule`, { method: "POST", body: { severity, riskScore, interval } });
          await onDone(`"${hunt.name}" is now a detection rule: it alerts on events ingested from now on`, false);
        } catch (err) {
          await onDone((err as Error).message, true);
        }
      }}
    >
      <label className="text-xs text-slate-500">
        Severity
        <select className="input mt-1" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          {["low", "medium", "high", "critical"].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-500">
        Risk score (0–100)
        <input type="number" min={0} max={100} className="input mt-1" value={riskScore} onChange={(e) => setRiskScore(Number(e.target.value))} />
      </label>
      <label className="text-xs text-slate-500">
        Interval (30s, 5m, 1h)
        <input className="input mt-1 font-mono" value={interval} onChange={(e) => setRuleInterval(e.target.value)} />
      </label>
      <button type="submit" className="btn-primary">
        Create rule
      </button>
    </form>
  );
}

/** A window's length as a relative window: whole days, else whole hours, else minutes (at least 1 m). */
function lastOf(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "24h";
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms >= 3600_000) return `${Math.max(1, Math.round(ms / 3600_000))}h`;
  return `${Math.max(1, Math.round(ms / 60_000))}m`;
}
