"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AlertStatus } from "@/lib/alerts/types";
import { bulkUpdate, patchAlert, type AlertUpdateBody } from "./api";

export type TriageTarget = { ids: string[] } | { filter: Record<string, string> };

/** A change that can be taken back: what it did, and the status each alert had before. */
export interface UndoOffer {
  message: string;
  restore: { id: string; from: AlertStatus }[];
  /** Bumped per offer so that a new close restarts the 10 s. */
  serial: number;
}

export const UNDO_MS = 10_000;

/**
 * Triage actions of a page (alerts list or alert page): one or many alerts by id, or every alert
 * matching a filter. Every change that changes a status (a close, an acknowledge) offers Undo for
 * 10 s; Undo puts each alert back to the status it had, which the activity records as a status change.
 * `known` gives the current status of alerts the page shows (a single-alert PATCH answers no "before").
 */
export function useTriage(onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const serial = useRef(0);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo((u) => (u?.serial === undo.serial ? null : u)), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undo]);

  const apply = useCallback(
    async (target: TriageTarget, body: AlertUpdateBody, what: string, known: Record<string, AlertStatus> = {}) => {
      setBusy(true);
      try {
        let n: number;
        let restore: { id: string; from: AlertStatus }[];
        if ("ids" in target && target.ids.length === 1 && known[target.ids[0]!]) {
          const id = target.ids[0]!;
          const before = known[id]!;
          const after = await patchAlert(id, body);
          n = 1;
          restore = body.status && after.status !== before ? [{ id, from: before }] : [];
        } else {
          const r = await bulkUpdate(target, body);
          n = r.updated;
          restore = r.changed;
        }
        const message = `${what}: ${n} alert${n === 1 ? "" : "s"}`;
        setNotice(restore.length ? null : message);
        setUndo(restore.length ? { message, restore, serial: ++serial.current } : null);
        onChanged();
        return true;
      } catch (e) {
        setNotice(`Failed: ${(e as Error).message}`);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onChanged],
  );

  const runUndo = useCallback(async () => {
    if (!undo) return;
    setUndo(null);
    setBusy(true);
    try {
      const byStatus = new Map<AlertStatus, string[]>();
      for (const r of undo.restore) byStatus.set(r.from, [...(byStatus.get(r.from) ?? []), r.id]);
      let n = 0;
      for (const [status, ids] of byStatus) n += (await bulkUpdate({ ids }, { status })).updated;
      setNotice(`Undone: ${n} alert${n === 1 ? "" : "s"} back to ${[...byStatus.keys()].join(" / ")}`);
      onChanged();
    } catch (e) {
      setNotice(`Undo failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }, [undo, onChanged]);

  return { busy, notice, undo, apply, runUndo, dismissUndo: () => setUndo(null) };
}
