import { apiFetch } from "@/components/api/client";
import type { AlertJson, AlertStatus } from "@/lib/alerts/types";
import type { ChecklistItemJson } from "@/lib/triage/checklist-json";

/** The alerts API's calls from the browser (through the one client layer); a failure throws its message. */
export interface AlertUpdateBody {
  status?: "open" | "acknowledged" | "closed";
  closingReason?: string | null;
  assignee?: string | null;
}

export interface BulkResult {
  updated: number;
  matched: number;
  /** The alerts whose status changed, with the status each had before (what Undo restores). */
  changed: { id: string; from: AlertStatus }[];
}

const alertUrl = (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}`;

export const patchAlert = (id: string, body: AlertUpdateBody) => apiFetch<AlertJson>(alertUrl(id), { method: "PATCH", body });

export const bulkUpdate = (target: { ids: string[] } | { filter: Record<string, string> }, body: AlertUpdateBody) =>
  apiFetch<BulkResult>("/api/v1/alerts/bulk", { method: "POST", body: { ...target, ...body } });

export const addNote = (id: string, body: string) => apiFetch(`${alertUrl(id)}/notes`, { method: "POST", body: { body } });

export const setChecklistItem = (id: string, stepId: string, body: { done: boolean; comment?: string | null }) =>
  apiFetch<{ item: ChecklistItemJson; checklist: { done: number; total: number } }>(`${alertUrl(id)}/checklist/${encodeURIComponent(stepId)}`, { method: "PUT", body });
