"use client";

import { useState } from "react";
import type { ProcessTree } from "@/lib/process-tree/types";

/** The keys of the visible items, in reading order. */
export function visibleKeys(tree: ProcessTree, expanded: Set<string>): string[] {
  const out: string[] = [];
  const walk = (k: string) => {
    out.push(k);
    if (expanded.has(k)) for (const c of tree.nodes[k]?.children ?? []) walk(c);
  };
  tree.roots.forEach(walk);
  return out;
}

/**
 * The WAI-ARIA tree keys with a roving tabindex: Up/Down move, Right opens or goes to the first
 * child, Left closes or goes to the parent, Home/End, Enter or Space selects.
 */
export function useTreeKeyboard(opts: {
  tree: ProcessTree;
  expanded: Set<string>;
  setExpanded: (next: Set<string>) => void;
  initial: string | null;
  onSelect: (k: string) => void;
}) {
  const { tree, expanded, setExpanded, onSelect } = opts;
  const [active, setActive] = useState<string | null>(opts.initial);
  const move = (k: string | undefined, from: HTMLElement) => {
    if (!k) return;
    setActive(k);
    from.closest('[role="tree"]')?.querySelector<HTMLElement>(`[data-node-key="${CSS.escape(k)}"]`)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const k = target.getAttribute("data-node-key");
    if (!k) return;
    const n = tree.nodes[k];
    const list = visibleKeys(tree, expanded);
    const i = list.indexOf(k);
    const open = expanded.has(k);
    switch (e.key) {
      case "ArrowDown":
        move(list[i + 1], target);
        break;
      case "ArrowUp":
        move(list[i - 1], target);
        break;
      case "Home":
        move(list[0], target);
        break;
      case "End":
        move(list[list.length - 1], target);
        break;
      case "ArrowRight":
        if (n?.children.length && !open) setExpanded(new Set([...expanded, k]));
        else if (n?.children.length) move(n.children[0], target);
        break;
      case "ArrowLeft":
        if (n?.children.length && open) {
          const next = new Set(expanded);
          next.delete(k);
          setExpanded(next);
        } else if (n?.parentKey && list.includes(n.parentKey)) move(n.parentKey, target);
        break;
      case "Enter":
      case " ":
        onSelect(k);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };
  return { active, setActive, onKeyDown };
}
