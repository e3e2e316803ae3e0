/**
 * Validation of a parsed rule TOML document (Elastic detection-rules format) and its conversion to
 * the camelCase `Rule` shape, without the compiled query.
 */
import { z } from "zod";
import { parseGuide } from "./guide";
import type { Rule } from "./types";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)([smhd])$/;
const LOOKBACK = /^now-(\d+)([smhd])$/;

/** `"5m"` → 300000. Units: s, m, h, d. Returns null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

/** `"now-9m"` → 540000. Returns null when the text is not `now-<duration>`. */
export function parseLookback(text: string): number | null {
  const m = LOOKBACK.exec(text);
  return m ? parseDuration(`${m[1]}${m[2]}`) : null;
}

const text = z.string().refine((s) => s.trim() !== "", "must not be empty");
const ymd = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/, "must be a YYYY/MM/DD date");
const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const subtechnique = z.object({
  id: z.string().regex(/^T\d{4}\.\d{3}$/, "must be a MITRE sub-technique id like T1021.006"),
  name: text,
  reference: url,
});
const technique = z.object({
  id: z.string().regex(/^T\d{4}$/, "must be a MITRE technique id like T1021"),
  name: text,
  reference: url,
  subtechnique: z.array(subtechnique).default([]),
});
const threat = z.object({
  framework: z.literal("MITRE ATT&CK"),
  tactic: z.object({
    id: z.string().regex(/^TA\d{4}$/, "must be a MITRE tactic id like TA0008"),
    name: text,
    reference: url,
  }),
  technique: z.array(technique).default([]),
});

export const ruleFileSchema = z.object({
  metadata: z
    .object({
      creation_date: ymd.optional(),
      updated_date: ymd.optional(),
      maturity: z.string().optional(),
      integration: z.union([z.string(), z.array(z.string())]).optional(),
      min_stack_version: z.string().optional(),
    })
    .optional(),
  rule: z.object({
    rule_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "must be a non-empty id of letters, digits, . _ : -"),
    name: text,
    description: text,
    type: z.literal("eql"),
    language: z.literal("eql"),
    query: text,
    index: z.array(text).min(1, "must list at least one index pattern"),
    from: z.string().regex(LOOKBACK, 'must be like "now-9m"').default("now-6m"),
    interval: z.string().regex(DURATION, 'must be a duration like "5m"').default("5m"),
    max_signals: z.int().min(1).default(100),
    risk_score: z.int().min(0).max(100),
    severity: z.enum(["low", "medium", "high", "critical"]),
    version: z.int().min(1).default(1),
    references: z.array(url).default([]),
    tags: z.array(text).default([]),
    author: z.array(text).min(1, "must name at least one author"),
    license: text,
    note: z.string().default(""),
    threat: z.array(threat).default([]),
  }),
});

export type RuleFile = z.infer<typeof ruleFileSchema>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join(".") : "(document)";
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `${where}: missing required field`;
  }
  return `${where}: ${issue.message}`;
}

/** Checks done before schema validation so that the common mistake gets a clear reason. */
function precheck(doc: Record<string, unknown>): string | null {
  const rule = doc.rule;
  if (rule === undefined) return "missing [rule] table";
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) return "[rule] must be a table";
  const { type, language } = rule as Record<string, unknown>;
  if (type !== undefined && type !== "eql") {
    return `unsupported rule type ${JSON.stringify(type)}: only "eql" rules are supported`;
  }
  if (language !== undefined && language !== "eql") {
    return `unsupported query language ${JSON.stringify(language)}: only "eql" is supported`;
  }
  return null;
}

export type ValidationResult =
  | { ok: true; rule: Omit<Rule, "compiled"> }
  | { ok: false; reason: string };

/** Validates a parsed TOML document and maps it to a Rule (minus `compiled`). */
export function validateRuleDocument(doc: Record<string, unknown>, sourcePath: string): ValidationResult {
  const pre = precheck(doc);
  if (pre) return { ok: false, reason: pre };
  const parsed = ruleFileSchema.safeParse(doc);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map(describeIssue).join("; ") };
  }
  const { metadata, rule: r } = parsed.data;
  const integration = metadata?.integration;
  return {
    ok: true,
    rule: {
      ruleId: r.rule_id,
      name: r.name,
      description: r.description,
      version: r.version,
      severity: r.severity,
      riskScore: r.risk_score,
      type: r.type,
      language: r.language,
      query: r.query,
      index: r.index,
      from: r.from,
      lookbackMs: parseLookback(r.from)!,
      interval: r.interval,
      intervalMs: parseDuration(r.interval)!,
      maxSignals: r.max_signals,
      references: r.references,
      tags: r.tags,
      author: r.author,
      license: r.license,
      note: r.note,
      threat: r.threat.map((t) => ({
        framework: t.framework,
        tactic: { ...t.tactic },
        techniques: t.technique.map(({ subtechnique: subs, ...tech }) => ({
          ...tech,
          subtechniques: subs.map((s) => ({ ...s })),
        })),
      })),
      guide: parseGuide(r.note),
      metadata: {
        creationDate: metadata?.creation_date ?? null,
        updatedDate: metadata?.updated_date ?? null,
        maturity: metadata?.maturity ?? null,
        integration: integration === undefined ? [] : typeof integration === "string" ? [integration] : integration,
        minStackVersion: metadata?.min_stack_version ?? null,
      },
      sourcePath,
    },
  };
}
