"use client";

import { useState } from "react";
import { AddressLabel } from "@/components/address/address-label";
import { CommandLine } from "@/components/alerts/command-line";
import { formatTime } from "@/components/format";
import { CopyButton } from "@/components/ui/copy-button";
import { Section } from "@/components/ui/section";
import type { AlertStage } from "@/lib/alerts/types";
import type { AddressInfoJson } from "@/lib/movement/types";
import { JsonView } from "./json-view";

/**
 * The sequence's events: a table, or each stage's raw document with its enrichments marked. Also
 * used for another telemetry source's view of the same activity (`title`).
 */
export function EventsSection({ stages, title, addresses = [] }: { stages: AlertStage[]; title?: string; addresses?: AddressInfoJson[] }) {
  const [view, setView] = useState<"table" | "json">("table");
  const tabs = (
    <div role="tablist" aria-label={title ? `${title}: view` : "Events view"} className="flex rounded-md border border-slate-300 text-xs dark:border-slate-700">
      {(["table", "json"] as const).map((v) => (
        <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => setView(v)} className={`px-2.5 py-1 ${view === v ? "bg-slate-200 font-medium dark:bg-slate-800" : "text-slate-500"}`}>
          {v === "table" ? "Table" : "JSON"}
        </button>
      ))}
    </div>
  );
  return (
    <Section title={title ?? `Events (${stages.length})`} actions={tabs}>
      {view === "table" ? <EventsTable stages={stages} label={title ?? "Sequence events"} addresses={addresses} /> : <EventsJson stages={stages} />}
    </Section>
  );
}

/**
 * One block per event: its facts on a first row, its command line across the whole width below, so
 * that every column shows at 1280 px without a sideways scroll (long values wrap).
 */
function EventsTable({ stages, label, addresses }: { stages: AlertStage[]; label: string; addresses: AddressInfoJson[] }) {
  const info = new Map(addresses.map((a) => [a.ip, a]));
  const head = ["#", "Time", "Category", "Process", "Parent", "User", "Connection", "Event id"];
  return (
    <table aria-label={label} className="w-full table-fixed text-left text-[13px]">
      <colgroup>
        <col className="w-8" />
        <col className="w-40" />
        <col className="w-24" />
        <col />
        <col />
        <col className="w-44" />
        <col className="w-72" />
        <col className="w-44" />
      </colgroup>
      <thead className="text-[11px] tracking-wide text-slate-500 uppercase">
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="border-b border-slate-200 px-2 py-1.5 font-medium dark:border-slate-800">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      {stages.map((s) => {
        const f = s.fields;
        const connection = f.sourceIp ? `${f.sourceIp}${f.sourcePort ? `:${f.sourcePort}` : ""} → ${f.destinationIp ?? "?"}:${f.destinationPort ?? "?"}` : null;
        const user = f.userName ? `${f.userDomain ? `${f.userDomain}\\` : ""}${f.userName}` : null;
        return (
          <tbody key={s.stage} data-stage={s.stage} className="border-b border-slate-200 align-top dark:border-slate-800">
            <tr>
              <td className="px-2 pt-1.5 font-mono text-xs">{s.stage + 1}</td>
              <td className="px-2 pt-1.5 font-mono text-xs">{formatTime(s.event.timestamp)}</td>
              <td className="px-2 pt-1.5 text-xs break-words">{s.event.category.join(", ") || s.category || "—"}</td>
              <td className="px-2 pt-1.5 font-mono text-xs break-all">
                {f.processName ?? "—"}
                {f.processPid !== undefined && <span className="text-slate-500"> ({f.processPid})</span>}
              </td>
              <td className="px-2 pt-1.5 font-mono text-xs break-all">{f.parentName ?? "—"}</td>
              <td className="px-2 pt-1.5 font-mono text-xs break-all">
                {user ?? "—"}
                {user && <CopyButton value={user} label="user" />}
              </td>
              <td className="px-2 pt-1.5 font-mono text-xs break-all">
                {f.sourceIp ? (
                  <span data-testid="event-connection">
                    <AddressLabel ip={f.sourceIp} info={info.get(f.sourceIp)} />
                    {f.sourcePort ? `:${f.sourcePort}` : ""} <span className="text-slate-500">→</span>{" "}
                    {f.destinationIp ? <AddressLabel ip={f.destinationIp} info={info.get(f.destinationIp)} /> : "?"}:{f.destinationPort ?? "?"}
                  </span>
                ) : (
                  "—"
                )}
                {f.protocol && <span className="ml-1 text-slate-500">{f.protocol}</span>}
                {connection && <CopyButton value={connection} label="connection" />}
              </td>
              <td className="px-2 pt-1.5 font-mono text-[11px] break-all text-slate-500">{s.event.eventId ?? `#${s.event.id}`}</td>
            </tr>
            <tr>
              <td />
              <td colSpan={7} className="px-2 pt-1 pb-2">
                <div className="flex gap-2 text-xs">
                  <span className="w-24 shrink-0 pt-0.5 text-[11px] tracking-wide text-slate-500 uppercase">Command line</span>
                  <CommandLine value={f.commandLine} compact />
                </div>
              </td>
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}

function EventsJson({ stages }: { stages: AlertStage[] }) {
  return (
    <div className="space-y-4">
      {stages.map((s) => (
        <div key={s.stage}>
          <h3 className="mb-1 text-xs font-medium text-slate-500">
            Stage {s.stage + 1} · {s.event.category.join(", ")} · {formatTime(s.event.timestamp)}
          </h3>
          {s.enrichments.length > 0 && (
            <ul aria-label={`Enrichments of stage ${s.stage + 1}`} className="mb-2 space-y-0.5 text-xs">
              {s.enrichments.map((e) => (
                <li key={e.field} className="flex flex-wrap gap-2">
                  <span className="rounded bg-amber-400/20 px-1 font-mono ring-1 ring-amber-500/40">{e.field}</span>
                  <span className="font-mono">= {JSON.stringify(e.value)}</span>
                  <span className="text-slate-500">{e.reason}</span>
                </li>
              ))}
            </ul>
          )}
          <JsonView value={s.doc} highlight={new Set(s.enrichments.map((e) => e.field))} />
        </div>
      ))}
    </div>
  );
}
