"use client";

import { useMemo, useState } from "react";
import type { ProcessNode, ProcessTree } from "@/lib/process-tree/types";
import { ProcessNodeDetails } from "./process-node-details";

const AUTO_EXPAND_LIMIT = 400;

export interface ProcessTreeViewProps {
  tree: ProcessTree;
  /** The alert's process: highlighted, selected and expanded to at first. */
  focusKey?: string | null;
}

/**
 * An expandable process tree with a details panel. Exact edges (entity ids) are solid lines;
 * inferred edges (pid/ppid, or a parent known only from its child's fields) are dashed.
 */
export function ProcessTreeView({ tree, focusKey = null }: ProcessTreeViewProps) {
  const all = useMemo(() => Object.keys(tree.nodes), [tree]);
  const [expanded, setExpanded] = useState<Set<string>>(() => initialExpanded(tree, focusKey));
  const [selected, setSelected] = useState<string | null>(focusKey);
  const toggle = (k: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  const node = selected ? (tree.nodes[selected] ?? null) : null;
  const parent = node?.parentKey ? (tree.nodes[node.parentKey] ?? null) : null;

  if (tree.roots.length === 0) {
    return <div className="card p-6 text-sm text-slate-500 dark:text-slate-400">No process start events in this window.</div>;
  }
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="card min-w-0 p-3">
        <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
          <button type="button" className="btn px-2 py-1 text-xs" onClick={() => setExpanded(new Set(all))}>
            Expand all
          </button>
          <button type="button" className="btn px-2 py-1 text-xs" onClick={() => setExpanded(new Set())}>
            Collapse all
          </button>
          <Legend />
          <span className="ml-auto">{all.length} processes</span>
        </div>
        <ul role="tree" aria-label="Process tree" className="font-mono text-sm">
          {tree.roots.map((k) => (
            <TreeItem key={k} k={k} tree={tree} depth={0} expanded={expanded} selected={selected} focusKey={focusKey} onToggle={toggle} onSelect={setSelected} />
          ))}
        </ul>
      </div>
      <aside className="card min-w-0 self-start lg:sticky lg:top-16">
        <ProcessNodeDetails node={node} parent={parent} />
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

function Legend() {
  return (
    <span className="flex items-center gap-3" aria-label="Legend">
      <span className="flex items-center gap-1">
        <span className="inline-block w-6 border-t-2 border-slate-400" /> exact (entity id)
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block w-6 border-t-2 border-dashed border-amber-500" /> inferred (pid/ppid)
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block h-3 w-3 rounded-sm border border-dashed border-slate-400" /> no start event
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block h-3 w-3 rounded-sm bg-rose-500/30 ring-1 ring-rose-500" /> alert process
      </span>
    </span>
  );
}

interface ItemProps {
  k: string;
  tree: ProcessTree;
  depth: number;
  expanded: Set<string>;
  selected: string | null;
  focusKey: string | null;
  onToggle: (k: string) => void;
  onSelect: (k: string) => void;
}

function TreeItem({ k, tree, depth, expanded, selected, focusKey, onToggle, onSelect }: ItemProps) {
  const n = tree.nodes[k];
  if (!n) return null;
  const hasChildren = n.children.length > 0;
  const isOpen = expanded.has(k);
  const isFocus = k === focusKey;
  const isSelected = k === selected;
  const inferred = n.edge?.inferred ?? false;
  const edgeColor = inferred ? "border-amber-500" : "border-slate-400 dark:border-slate-600";
  return (
    <li
      role="treeitem"
      aria-expanded={hasChildren ? isOpen : undefined}
      aria-selected={isSelected}
      data-node-key={k}
      data-inferred-edge={n.edge ? String(inferred) : undefined}
      className={`relative ${depth > 0 ? "pl-6" : ""}`}
    >
      {depth > 0 && (
        <>
          <span aria-hidden className={`absolute left-0 top-0 h-4 border-l-2 ${inferred ? "border-dashed" : ""} ${edgeColor}`} />
          <span aria-hidden className={`absolute left-0 top-4 w-5 border-t-2 ${inferred ? "border-dashed" : ""} ${edgeColor}`} />
        </>
      )}
      <div className="flex items-start gap-1 py-0.5">
        <button
          type="button"
          aria-label={`${isOpen ? "Collapse" : "Expand"} ${n.name ?? "process"}`}
          onClick={() => onToggle(k)}
          disabled={!hasChildren}
          className="mt-1 flex h-5 w-5 shrink-0 items-center justify-center rounded text-xs text-slate-500 hover:bg-slate-200 disabled:invisible dark:hover:bg-slate-800"
        >
          {isOpen ? "▾" : "▸"}
        </button>
        <button
          type="button"
          onClick={() => onSelect(k)}
          className={`min-w-0 flex-1 rounded-md px-2 py-1 text-left ${n.synthesized ? "border border-dashed border-slate-400 dark:border-slate-600" : "border border-transparent"} ${
            isFocus ? "bg-rose-500/15 ring-1 ring-rose-500" : isSelected ? "bg-sky-500/15 ring-1 ring-sky-500" : "hover:bg-slate-100 dark:hover:bg-slate-800/70"
          }`}
        >
          <NodeLabel n={n} isFocus={isFocus} />
        </button>
      </div>
      {hasChildren && isOpen && (
        <ul role="group" className="relative ml-3">
          {n.children.map((c, i) => (
            <ChildWrapper key={c} last={i === n.children.length - 1} inferred={tree.nodes[c]?.edge?.inferred ?? false}>
              <TreeItem k={c} tree={tree} depth={depth + 1} expanded={expanded} selected={selected} focusKey={focusKey} onToggle={onToggle} onSelect={onSelect} />
            </ChildWrapper>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The vertical line running past a child to its later siblings. */
function ChildWrapper({ last, inferred, children }: { last: boolean; inferred: boolean; children: React.ReactNode }) {
  return (
    <div className="relative">
      {!last && <span aria-hidden className={`absolute bottom-0 left-0 top-4 border-l-2 ${inferred ? "border-dashed border-amber-500" : "border-slate-400 dark:border-slate-600"}`} />}
      {children}
    </div>
  );
}

function NodeLabel({ n, isFocus }: { n: ProcessNode; isFocus: boolean }) {
  return (
    <span className="flex min-w-0 flex-col">
      <span className="flex flex-wrap items-center gap-x-2">
        <span className={`font-semibold ${isFocus ? "text-rose-600 dark:text-rose-300" : ""}`}>{n.name ?? "(unnamed)"}</span>
        <span className="text-xs text-slate-500">pid {n.pid ?? "?"}</span>
        {n.userName && <span className="text-xs text-slate-500">{n.userName}</span>}
        {n.startedAt && <span className="text-xs text-slate-500">{n.startedAt.replace("T", " ").replace("Z", "")}</span>}
        {n.synthesized && <span className="text-xs italic text-amber-600 dark:text-amber-300">no start event</span>}
        {n.edge?.inferred && <span className="text-xs text-amber-600 dark:text-amber-400">inferred parent</span>}
        {isFocus && <span className="rounded bg-rose-600 px-1.5 text-[10px] font-semibold uppercase text-white">alert</span>}
      </span>
      {n.commandLine && <span className="whitespace-pre-wrap break-all text-xs text-slate-600 dark:text-slate-300">{n.commandLine}</span>}
    </span>
  );
}
