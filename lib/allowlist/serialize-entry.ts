import type { AllowlistChangeRow, AllowlistEntryRow } from "../db/queries/allowlist";
import type { AllowlistCondition } from "./types";
import { jsonArray } from "../db/json-columns";

/** The API and UI shape of an entry and of its change history. */
export type ExpiryState = "never" | "active" | "expired";

export interface AllowlistEntryJson {
  id: string;
  name: string;
  comment: string;
  ruleId: string | null;
  conditions: AllowlistCondition[];
  caseInsensitive: boolean;
  enabled: boolean;
  expiresAt: string | null;
  expiryState: ExpiryState;
  /** Enabled and not expired: the worker applies it. */
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  hitEvents: number;
  hitAlerts: number;
  lastHitAt: string | null;
}

export interface AllowlistChangeJson {
  id: number;
  entryId: string;
  at: string;
  actor: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export function expiryState(expiresAt: Date | null, now: Date): ExpiryState {
  if (!expiresAt) return "never";
  return expiresAt.getTime() > now.getTime() ? "active" : "expired";
}

export function serializeEntry(row: AllowlistEntryRow, now: Date = new Date()): AllowlistEntryJson {
  const state = expiryState(row.expiresAt, now);
  return {
    id: row.id,
    name: row.name,
    comment: row.comment,
    ruleId: row.ruleId,
    conditions: jsonArray<AllowlistCondition>(row.conditions),
    caseInsensitive: row.caseInsensitive,
    enabled: row.enabled,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expiryState: state,
    active: row.enabled && state !== "expired",
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    hitEvents: Number(row.hitEvents),
    hitAlerts: row.hitAlerts,
    lastHitAt: row.lastHitAt?.toISOString() ?? null,
  };
}

/** What a change row keeps of an entry (before/after): the definition, not the counters. */
export function entrySnapshot(row: AllowlistEntryRow) {
  return {
    name: row.name,
    comment: row.comment,
    ruleId: row.ruleId,
    conditions: row.conditions,
    caseInsensitive: row.caseInsensitive,
    enabled: row.enabled,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

export function serializeChange(row: AllowlistChangeRow): AllowlistChangeJson {
  return {
    id: Number(row.id),
    entryId: row.entryId,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}
