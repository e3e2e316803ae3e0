"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { alertHref, hostHref } from "@/components/alerts/format";
import { formatTime } from "@/components/format";
import { fieldGetter } from "@/lib/eql/fields";
import type { HuntMatch } from "@/lib/hunt/run-hunt";
import { cellText } from "@/lib/hunt/cell-text";

/**
 * The hunt results table: one row per match (a sequence is one row, its events one line each in
 * every cell), the chosen fields as columns, and links to the host, its process tree around the
 * event, and the alerts the events belong to. Every value is rendered as text.
 */
export const DEFAULT_HUNT_COLUMNS = ["host.name", "event.category", "user.name", "process.name", "process.parent.name", "process.command_line", "source.ip"];

const TREE_MARGIN_MS = 15 * 60_000;

function treeHref(hostId: string, ts: string) {
  const t = Date.parse(ts);
  const p = new URLSearchParams({ from: new Date(t - TREE_MARGIN_MS).toISOString(), to: new Date(t + TREE_MARGIN_MS).toISOString() });
  return `${hostHref(hostId)}?${p.toString()}`;
}

export function huntColumns(fields: string[]): ColumnDef<HuntMatch & { index: number }>[] {
  const lines = (m: HuntMatch, render: (doc: Record<string, unknown>, i: number) => React.ReactNode) => (
    <div className="flex flex-col gap-0.5">
      {m.events.map((doc, i) => (
        <div key={i} className="min-h-5">
          {render(doc, i)}
        </div>
      ))}
    </div>
  );
  return [
    { id: "n", header: "#", size: 40, cell: ({ row }) => <span className="text-slate-500">{row.original.index + 1}</span> },
    {
      id: "time",
      header: "@timestamp",
      size: 170,
      cell: ({ row }) => lines(row.original, (_d, i) => <span className="font-mono whitespace-nowrap">{formatTime(row.original.refs[i]?.timestamp)}</span>),
    },
    ...fields.map((f): ColumnDef<HuntMatch & { index: number }> => {
      const get = fieldGetter(f.split("."));
      return {
        id: `f:${f}`,
        header: f,
        cell: ({ row }) => lines(row.original, (doc) => <span className={`font-mono break-all ${f === "process.command_line" ? "whitespace-pre-wrap" : ""}`}>{cellText(get(doc))}</span>),
      };
    }),
    {
      id: "links",
      header: "Go to",
      size: 190,
      cell: ({ row }) =>
        lines(row.original, (_d, i) => {
          const ref = row.original.refs[i];
          if (!ref?.hostId) return <span className="text-slate-500">no host</span>;
          return (
            <span className="flex flex-wrap gap-x-2 text-xs whitespace-nowrap">
              <Link prefetch={false} href={hostHref(ref.hostId)} className="text-sky-600 hover:underline dark:text-sky-400">
                host
              </Link>
              <Link prefetch={false} href={treeHref(ref.hostId, ref.timestamp)} className="text-sky-600 hover:underline dark:text-sky-400">
                process tree
              </Link>
              {i === 0 &&
                row.original.alertIds.map((a, k) => (
                  <Link key={a} prefetch={false} href={alertHref(a)} className="text-sky-600 hover:underline dark:text-sky-400">
                    alert{row.original.alertIds.length > 1 ? ` ${k + 1}` : ""}
                  </Link>
                ))}
            </span>
          );
        }),
    },
  ];
}
