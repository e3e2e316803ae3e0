import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction, type Tx } from "../db/client";
import { findStoredRule, saveStoredRule } from "../db/queries/stored-rules";
import { packRules } from "./catalog";
import { parseImport } from "./parse-import";
import type { ServiceContext } from "../service-context";

/**
 * Imports Elastic detection-rules TOML files (`npm run cli -- rules import`, `POST
 * /api/v1/rules/import`, the Rules page). Each file is judged on its own: a file that cannot run
 * is refused with its reason and the others are still imported. A new rule is stored disabled; a
 * higher version of a stored rule replaces it (every version is kept); the same text again is
 * unchanged, and so is a rule of the rule pack (its rule_id is the pack's: the pack's runs). All
 * stored files and the audit row commit together.
 */
export const MAX_RULE_FILES = 200;
export const MAX_RULE_FILE_BYTES = 512 * 1024;

const ImportInput = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(300), content: z.string().max(MAX_RULE_FILE_BYTES, `a rule file may have at most ${MAX_RULE_FILE_BYTES / 1024} KB`) }).strict())
      .min(1, "no rule file given")
      .max(MAX_RULE_FILES, `at most ${MAX_RULE_FILES} files at once`),
  })
  .strict();

export type ImportStatus = "imported" | "updated" | "unchanged" | "refused";

export interface ImportOutcome {
  file: string;
  status: ImportStatus;
  ruleId: string | null;
  name: string | null;
  version: number | null;
  /** Why the file was refused (status "refused"). */
  reason: string | null;
}

export interface ImportResult {
  outcomes: ImportOutcome[];
  imported: number;
  updated: number;
  unchanged: number;
  refused: number;
}

export async function importRules(input: unknown, ctx: ServiceContext): Promise<ImportResult> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const { files } = ImportInput.parse(input);
  const packIds = new Set(packRules().rules.map((r) => r.ruleId));
  const run = async (tx: Tx) => {
    const outcomes: ImportOutcome[] = [];
    const seen = new Map<string, string>();
    for (const f of files) {
      const parsed = parseImport(f.content, f.name);
      if (!parsed.ok) {
        outcomes.push({ file: f.name, status: "refused", ruleId: parsed.ruleId ?? null, name: parsed.name ?? null, version: null, reason: parsed.reason });
        continue;
      }
      const { rule, sha256 } = parsed;
      const out = (status: ImportStatus, reason: string | null = null) =>
        outcomes.push({ file: f.name, status, ruleId: rule.ruleId, name: rule.name, version: rule.version, reason });
      if (packIds.has(rule.ruleId)) {
        out("unchanged", "a rule of the rule pack (the product's defaults) has this rule_id: the pack's runs; change it in RULES_DIR");
        continue;
      }
      if (seen.has(rule.ruleId)) {
        out("refused", `the same rule_id is in ${seen.get(rule.ruleId)} of this import`);
        continue;
      }
      seen.set(rule.ruleId, f.name);
      const stored = await findStoredRule(rule.ruleId, tx);
      if (stored && stored.sha256 === sha256) {
        out("unchanged");
        continue;
      }
      if (stored && rule.version <= stored.version) {
        out("refused", `version ${stored.version} of this rule is stored; import a higher version to replace it`);
        continue;
      }
      await saveStoredRule({ ruleId: rule.ruleId, name: rule.name, version: rule.version, source: f.content, sha256, fileName: f.name, importedBy: actor.label }, !stored, tx);
      out(stored ? "updated" : "imported");
    }
    const count = (s: ImportStatus) => outcomes.filter((o) => o.status === s).length;
    const result: ImportResult = { outcomes, imported: count("imported"), updated: count("updated"), unchanged: count("unchanged"), refused: count("refused") };
    await recordAudit(
      {
        actor, action: "rule.import", targetType: "rule", ip: ctx.ip,
        details: { imported: result.imported, updated: result.updated, unchanged: result.unchanged, refused: result.refused,
          rules: outcomes.filter((o) => o.status === "imported" || o.status === "updated").map((o) => `${o.ruleId}@${o.version}`) },
      },
      tx,
    );
    return result;
  };
  return inTransaction(ctx.tx, run, { timeout: 60_000 });
}
