import type { ChecklistItem } from "../db/generated/client";

/** One investigation step of an alert with its state. */
export interface ChecklistItemJson {
  id: string;
  text: string;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
  comment: string | null;
}

export function serializeChecklistItem(step: { id: string; text: string }, row: ChecklistItem | undefined): ChecklistItemJson {
  return {
    id: step.id,
    text: step.text,
    done: row?.done ?? false,
    doneBy: row?.doneBy ?? null,
    doneAt: row?.doneAt?.toISOString() ?? null,
    comment: row?.comment ?? null,
  };
}
