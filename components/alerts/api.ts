import type { AlertJson } from "@/lib/alerts/types";
import type { ChecklistItemJson } from "@/lib/triage/checklist-json";

/** Browser calls of the alerts API; a non-2xx answer throws its `error.message`. */
async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...(init.headers ?? {}) }, cache: "no-store" });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
  return body as T;
}

export interface AlertUpdateBody {
  status?: "open" | "acknowledged" | "closed";
  closingReason?: string | null;
  assignee?: string | null;
}

export const fetchJson = <T>(url: string) => call<T>(url);

export const patchAlert = (id: string, body: AlertUpdateBody) =>
  call<AlertJson>(`/api/v1/alerts/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(body) });

export const bulkUpdate = (target: { ids: string[] } | { filter: Record<string, string> }, body: AlertUpdateBody) =>
  call<{ updated: number }>("/api/v1/alerts/bulk", { method: "POST", body: JSON.stringify({ ...target, ...body }) });

export const addNote = (id: string, body: string) =>
  call(`/api/v1/alerts/${encodeURIComponent(id)}/notes`, { method: "POST", body: JSON.stringify({ body }) });

export const setChecklistItem = (id: string, stepId: string, body: { done: boolean; comment?: string | null }) =>
  call<{ item: ChecklistItemJson; checklist: { done: number; total: number } }>(`/api/v1/alerts/${encodeURIComponent(id)}/checklist/${encodeURIComponent(stepId)}`, {
    method: "PUT",
    body: JSON.stringify(body),
  });
