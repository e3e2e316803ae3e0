import { getAlertForAllowlist, getAllowlistEntry, listAllowlistChanges, listAllowlistEntries } from "../db/queries/allowlist";
import { candidatesFromAlert, type ConditionCandidate } from "./candidates-from-alert";
import { notFound } from "../http/errors";
import { serializeChange, serializeEntry, type AllowlistChangeJson, type AllowlistEntryJson } from "./serialize-entry";

/** Reads for the API and the pages: the list (with hit counts and expiry state), one entry, its history. */
export async function listEntries(now: Date = new Date()): Promise<AllowlistEntryJson[]> {
  return (await listAllowlistEntries()).map((row) => serializeEntry(row, now));
}

export async function getEntry(id: string, now: Date = new Date()): Promise<AllowlistEntryJson> {
  const row = await getAllowlistEntry(id);
  if (!row) throw notFound("Allowlist entry");
  return serializeEntry(row, now);
}

/** The change history, newest first; kept (and readable) after the entry is deleted. */
export async function getEntryHistory(id: string): Promise<AllowlistChangeJson[]> {
  const row = await getAllowlistEntry(id, undefined, { includeDeleted: true });
  if (!row) throw notFound("Allowlist entry");
  return (await listAllowlistChanges(id)).map(serializeChange);
}

/** The alert a new entry starts from, with the values it offers (null: no such alert). */
export async function getAlertForNewEntry(alertId: string) {
  const alert = await getAlertForAllowlist(alertId);
  if (!alert) return null;
  const candidates: ConditionCandidate[] = candidatesFromAlert(alert.stages);
  return { alert, candidates };
}
