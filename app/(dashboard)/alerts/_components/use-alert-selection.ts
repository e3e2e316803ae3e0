"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { useEffect, useState } from "react";

/** The page's selection (ids, or "all matching the filter") and the keyboard-focused row; reset when the query changes. */
export function useAlertSelection(query: string) {
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [focus, setFocus] = useState(-1);
  useEffect(() => {
    setSelection({});
    setAllMatching(false);
    setFocus(-1);
  }, [query]);
  useEffect(() => {
    if (focus >= 0) document.querySelector(`tr[data-focused]`)?.scrollIntoView({ block: "nearest" });
  }, [focus]);
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);
  const clear = () => {
    setSelection({});
    setAllMatching(false);
  };
  return { selection, setSelection, allMatching, setAllMatching, focus, setFocus, selectedIds, clear };
}
