import { db, type Tx } from "../client";
import type { ChecklistItem } from "../generated/client";

/** The per-alert state of the investigation guide's steps (`checklist_items`). */
export async function listChecklistItems(alertId: string, tx?: Tx): Promise<ChecklistItem[]> {
  return (tx ?? db()).checklistItem.findMany({ where: { alertId } });
}

export interface ChecklistState {
  done: boolean;
  doneBy: string | null;
  doneAt: Date | null;
  /** Left as it is when undefined. */
  comment?: string | null;
}

export async function upsertChecklistItem(alertId: string, stepId: string, state: ChecklistState, tx?: Tx): Promise<ChecklistItem> {
  return (tx ?? db()).checklistItem.upsert({
    where: { alertId_stepId: { alertId, stepId } },
    create: { alertId, stepId, ...state },
    update: state,
  });
}

/** How many of these steps are ticked for the alert (steps no longer in the guide do not count). */
export async function countDoneSteps(alertId: string, stepIds: string[], tx?: Tx): Promise<number> {
  if (!stepIds.length) return 0;
  return (tx ?? db()).checklistItem.count({ where: { alertId, done: true, stepId: { in: stepIds } } });
}
