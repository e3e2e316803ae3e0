"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { ProcessNode, ProcessTree } from "@/lib/process-tree/types";
import type { ProcessAlert } from "./alert-badges";
import { ProcessNodeDetails } from "./process-node-details";
import { TreeLegend } from "./tree-legend";
import { useTreeKeyboard } from "./use-tree-keyboard";

const AUTO_EXPAND_LIMIT = 400;

export interface ProcessTreeViewProps {
  tree: ProcessTree;
  /** The alert's process: highlighted, selected and expanded to at first. */
  focusKey?: string | null;
  /** Alerts per node key: each such process is badged and linked. */
  alerts?: Record<string, ProcessAlert[]>;
}

/**
 * An expandable process tree (WAI-ARIA tree: arrows move and open/close, Home/End, Enter selects)
 * with a details panel. Exact edges (entity ids) are solid lines; inferred edges (pid/ppid, or a
 * parent known only from its child's fields) are dashed.
 */
export function ProcessTreeView({ tree, focusKey = null, alerts = {} }: ProcessTreeViewProps) {
  const all = useMemo(() => Object.keys(tree.nodes), [tree]);
  const [expanded, setExpanded] = useState<Set<string>>(() => initialExpanded(tree, focusKey));
  const [selected, setSelected] = useState<string | null>(focusKey);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const toggle = (k: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  const keyboard = useTreeKeyboard({ tree, expanded, setExpanded, initial: focusKey ?? tree.roots[0] ?? null, onSelect: setSelected });
  const node = selected ? (tree.nodes[selected] ?? null) : null;
  const parent = node?.parentKey ? (tree.nodes[node.parentKey] ?? null) : null;

  if (tree.roots.length === 0) {
    return (
      <div data-tree-ready={hydrated || undefined} className="card p-6 text-sm text-slate-500 dark:text-slate-400">
        No process start events in this window.
      </div>
    );
  }
  return (
    <div data-tree-ready={hydrated || undefined} className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="card min-w-0 p-3">
        <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
          <button type="button" className="btn px-2 py-1 text-xs" onClick={() => setExpanded(new Set(all))}>
            Expand all
          </button>
          <button type="button" className="btn px-2 py-1 text-xs" onClick={() => setExpanded(new Set())}>
            Collapse all
          </button>
          <TreeLegend />
          <span className="ml-auto">{all.length} processes</span>
        </div>
        <ul role="tree" aria-label="Process tree" className="font-mono text-sm" onKeyDown={keyboard.onKeyDown}>
          <TreeRows tree={tree} ctx={{ expanded, selected, focusKey, active: keyboard.active, alerts, onToggle: toggle, onSelect: (key) => (setSelected(key), keyboard.setActive(key)) }} />
        </ul>
      </div>
      <aside className="card min-w-0 self-start lg:sticky lg:top-16" aria-label="Selected process">
        <ProcessNodeDetails node={node} parent={parent} alerts={selected ? (alerts[selected] ?? []) : []} />
      </aside>
    </div>
  );
}

function initialExpanded(tree: ProcessTree, focusKey: string | null): Set<string> {
  const keys = Object.keys(tree.nodes);
  if (keys.length <= AUTO_EXPAND_LIMIT) return new Set(keys);
  const open = new Set(tree.roots);
  for (let k = focusKey ? tree.nodes[focusKey]?.parentKey : null; k; k = tree.nodes[k]?.parentKey ?? null) open.add(k);
  return open;
}

interface ItemContext {
  expanded: Set<string>;
  selected: string | null;
  focusKey: string | null;
  active: string | null;
  alerts: Record<string, ProcessAlert[]>;
  onToggle: (k: string) => void;
  onSelect: (k: string) => void;
}

/** One visible row of the tree: its depth, place among its siblings, and which ancestor lines pass it. */
interface Row {
  k: string;
  depth: number;
  pos: number;
  size: number;
  last: boolean;
  /** Per ancestor level (1 … depth-1): whether that ancestor has later siblings (its line continues). */
  guides: boolean[];
}

function visibleRows(tree: ProcessTree, expanded: Set<string>): Row[] {
  const out: Row[] = [];
  const walk = (keys: string[], depth: number, guides: boolean[]) =>
    keys.forEach((k, i) => {
      const last = i === keys.length - 1;
      out.push({ k, depth, pos: i + 1, size: keys.length, last, guides });
      if (expanded.has(k)) walk(tree.nodes[k]?.children ?? [], depth + 1, depth > 1 ? [...guides, !last] : guides);
    });
  walk(tree.roots, 1, []);
  return out;
}

const INDENT = 24;

/**
 * The rows as a flat WAI-ARIA tree (aria-level, aria-setsize, aria-posinset): each treeitem holds
 * only its own row, so its name is what it shows; the lines are drawn per row.
 */
function TreeRows({ tree, ctx }: { tree: ProcessTree; ctx: ItemContext }) {
  return (
    <>
      {visibleRows(tree, ctx.expanded).map((r) => (
        <TreeItem key={r.k} row={r} tree={tree} ctx={ctx} />
      ))}
    </>
  );
}

function TreeItem({ row, tree, ctx }: { row: Row; tree: ProcessTree; ctx: ItemContext }) {
  const { k, depth } = row;
  const n = tree.nodes[k];
  if (!n) return null;
  const hasChildren = n.children.length > 0;
  const isOpen = ctx.expanded.has(k);
  const isFocus = k === ctx.focusKey;
  const isSelected = k === ctx.selected;
  const inferred = n.edge?.inferred ?? false;
  const edgeColor = inferred ? "border-amber-500" : "border-slate-400 dark:border-slate-600";
  const alerts = ctx.alerts[k] ?? [];
  const x = (level: number) => (level - 1) * INDENT + 10;
  return (
    <li
      role="treeitem"
      aria-level={depth}
      aria-setsize={row.size}
      aria-posinset={row.pos}
      aria-expanded={hasChildren ? isOpen : undefined}
      aria-selected={isSelected}
      tabIndex={k === ctx.active ? 0 : -1}
      data-node-key={k}
      data-inferred-edge={n.edge ? String(inferred) : undefined}
      className="group relative outline-none"
      style={{ paddingLeft: (depth - 1) * INDENT }}
      onClick={() => ctx.onSelect(k)}
    >
      {row.guides.map((on, i) => (on ? <span key={i} aria-hidden className="pointer-events-none absolute top-0 bottom-0 border-l-2 border-slate-400 dark:border-slate-600" style={{ left: x(i + 2) }} /> : null))}
      {depth > 1 && (
        <>
          <span aria-hidden className={`pointer-events-none absolute top-0 border-l-2 ${inferred ? "border-dashed" : ""} ${edgeColor} ${row.last ? "h-4" : "bottom-0"}`} style={{ left: x(depth) }} />
          <span aria-hidden className={`pointer-events-none absolute top-4 w-3 border-t-2 ${inferred ? "border-dashed" : ""} ${edgeColor}`} style={{ left: x(depth) }} />
        </>
      )}
      <div className="flex items-start gap-1 py-0.5" style={{ marginLeft: depth > 1 ? 8 : 0 }}>
        <button
          type="button"
          tabIndex={-1}
          aria-label={`${isOpen ? "Collapse" : "Expand"} ${n.name ?? "process"}`}
          disabled={!hasChildren}
          onClick={(e) => {
            e.stopPropagation();
            ctx.onToggle(k);
          }}
          className="mt-1 flex h-5 w-5 shrink-0 items-center justify-center rounded text-xs text-slate-500 hover:bg-slate-200 disabled:invisible dark:hover:bg-slate-800"
        >
          {isOpen ? "▾" : "▸"}
        </button>
        <div
          data-row
          className={`min-w-0 flex-1 cursor-pointer rounded-md px-2 py-1 text-left group-focus-visible:ring-2 group-focus-visible:ring-sky-400 ${n.synthesized ? "border border-dashed border-slate-400 dark:border-slate-600" : "border border-transparent"} ${
            isFocus ? "bg-rose-500/15 ring-1 ring-rose-500" : isSelected ? "bg-sky-500/15 ring-1 ring-sky-500" : "hover:bg-slate-100 dark:hover:bg-slate-800/70"
          }`}
        >
          <NodeLabel n={n} isFocus={isFocus} alerts={alerts} />
        </div>
      </div>
    </li>
  );
}

function NodeLabel({ n, isFocus, alerts }: { n: ProcessNode; isFocus: boolean; alerts: ProcessAlert[] }) {
  return (
    <span className="flex min-w-0 flex-col">
      <span className="flex flex-wrap items-center gap-x-2">
        <span className={`font-semibold ${isFocus ? "text-rose-600 dark:text-rose-300" : ""}`}>{n.name ?? "(unnamed)"}</span>
        <span className="text-xs text-slate-500">pid {n.pid ?? "?"}</span>
        {n.userName && <span className="text-xs text-slate-500">{n.userName}</span>}
        {n.startedAt && <span className="text-xs text-slate-500">{n.startedAt.replace("T", " ").replace("Z", "")}</span>}
        {n.synthesized && <span className="text-xs text-amber-600 italic dark:text-amber-300">no start event</span>}
        {n.edge?.inferred && <span className="text-xs text-amber-600 dark:text-amber-400">inferred parent</span>}
        {alerts.map((a) =>
          a.current ? (
            <span key={a.id} data-alert-badge={a.id} className="rounded bg-rose-600 px-1.5 text-[10px] font-semibold text-white uppercase">
              this alert
            </span>
          ) : (
            <Link
              key={a.id}
              prefetch={false}
              tabIndex={-1}
              data-alert-badge={a.id}
              href={`/alerts/${encodeURIComponent(a.id)}`}
              onClick={(e) => e.stopPropagation()}
              title={`${a.ruleName} (${a.severity})`}
              className="rounded bg-orange-600 px-1.5 text-[10px] font-semibold text-white uppercase hover:bg-orange-500"
            >
              alert
            </Link>
          ),
        )}
      </span>
      {n.commandLine && <span className="text-xs break-all whitespace-pre-wrap text-slate-600 dark:text-slate-300">{n.commandLine}</span>}
    </span>
  );
}
