import { compileCondition, type DocPredicate } from "./compile-condition";
import type { AllowlistEntryLike } from "./types";

/**
 * The one allowlist evaluator, used by the detection worker (events, before sequencing), the
 * preview and the retroactive close (alerts, through their stage documents). Pure: no database.
 */
export interface CompiledAllowlist {
  /** The id of the first active entry covering `ruleId` whose conditions all hold for `doc`, else null. */
  match(ruleId: string, doc: object): string | null;
  /** Active entries that compiled (disabled, deleted, expired and invalid ones are left out). */
  readonly size: number;
  /** Entries left out because a condition could not be evaluated, with the reason. */
  readonly invalid: { id: string; reason: string }[];
}

export interface StagedAlert {
  ruleId: string;
  stages: unknown;
}

interface CompiledEntry {
  id: string;
  ruleId: string | null;
  order: number;
  test: DocPredicate;
}

const toMs = (v: Date | string | null | undefined): number | null => {
  if (v === null || v === undefined) return null;
  const ms = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
};

/** Whether an entry applies at `now`: enabled, not deleted, not expired (expiry is exclusive: at expiresAt it no longer applies). */
export function isEntryActive(entry: AllowlistEntryLike, now: Date): boolean {
  if (!entry.enabled || entry.deletedAt) return false;
  const exp = toMs(entry.expiresAt);
  return exp === null || exp > now.getTime();
}

export function compileAllowlist(entries: readonly AllowlistEntryLike[], now: Date = new Date()): CompiledAllowlist {
  const compiled: CompiledEntry[] = [];
  const invalid: { id: string; reason: string }[] = [];
  entries.forEach((entry, order) => {
    if (!isEntryActive(entry, now)) return;
    try {
      if (entry.conditions.length === 0) throw new Error("an entry without conditions never applies");
      const preds = entry.conditions.map((c) => compileCondition(c, entry.caseInsensitive));
      const test: DocPredicate = preds.length === 1 ? preds[0] : (doc) => preds.every((p) => p(doc));
      compiled.push({ id: entry.id, ruleId: entry.ruleId, order, test });
    } catch (err) {
      invalid.push({ id: entry.id, reason: (err as Error).message });
    }
  });

  const byRule = new Map<string, CompiledEntry[]>();
  const forRule = (ruleId: string): CompiledEntry[] => {
    let list = byRule.get(ruleId);
    if (!list) {
      list = compiled.filter((e) => e.ruleId === null || e.ruleId === ruleId);
      byRule.set(ruleId, list);
    }
    return list;
  };

  return {
    size: compiled.length,
    invalid,
    match(ruleId, doc) {
      for (const e of forRule(ruleId)) if (e.test(doc)) return e.id;
      return null;
    },
  };
}

/**
 * An alert matches when ANY of its stage events matches an entry covering its rule: the entry
 * would have removed that event, so the sequence would not have completed.
 */
export function matchAlert(allowlist: CompiledAllowlist, alert: StagedAlert): string | null {
  if (!Array.isArray(alert.stages)) return null;
  for (const stage of alert.stages) {
    const doc = (stage as { doc?: unknown } | null)?.doc;
    if (doc && typeof doc === "object") {
      const id = allowlist.match(alert.ruleId, doc);
      if (id) return id;
    }
  }
  return null;
}
