import { z } from "zod";
import { ipBytes, parseCidr, toBoolean, toNumber } from "../eql/values";
import { fieldKind } from "../allowlist/field-kind";
import { ALLOWLIST_OPERATORS, type AllowlistCondition } from "../allowlist/types";
import { dayCount } from "./common";

/**
 * The allowlist entry as the API, the forms and the service accept it. Every condition is checked
 * against its field's ECS type so that an entry that could never match (or would match everything)
 * is refused with a message naming the field and the value.
 */
const FIELD_NAME = /^[@A-Za-z_][A-Za-z0-9_@-]*(\.[A-Za-z0-9_@-]+)*$/;
const IP_EXAMPLES = "source.ip, destination.ip, host.ip, client.ip";

const conditionValue = z.union([z.string().max(4096, "a value may have at most 4096 characters"), z.number()]);

function checkCondition(c: AllowlistCondition, ctx: z.RefinementCtx) {
  const issue = (message: string, path: (string | number)[] = ["values"]) => ctx.addIssue({ code: "custom", message, path });
  const kind = fieldKind(c.field);
  const op = c.operator;
  const n = c.values.length;

  if (op === "exists" || op === "not_exists") {
    if (n > 0) issue(`${op} takes no values`);
    return;
  }
  if (n === 0) return issue(`${c.field} ${op}: add at least one value (values are empty)`);
  if ((op === "is" || op === "is_not") && n > 1) return issue(`${op} takes exactly one value; use is_one_of for several`);

  c.values.forEach((v, i) => {
    if (typeof v === "string" && v.trim() === "") issue(`${c.field}: value ${i + 1} is empty`, ["values", i]);
  });

  if (op === "cidr") {
    if (kind !== "ip") return issue(`cidr applies only to IP fields (${IP_EXAMPLES}); ${c.field} is not an IP field`, ["operator"]);
    c.values.forEach((v, i) => {
      const text = String(v).trim();
      if (text === "") return;
      if (typeof v !== "string" || !parseCidr(text)) issue(`${JSON.stringify(String(v))} is not a valid CIDR range (${cidrHint(text)})`, ["values", i]);
    });
    return;
  }
  if (op === "matches") {
    if (kind === "ip") return issue(`matches does not apply to the IP field ${c.field}; use cidr or is`, ["operator"]);
    if (kind === "number") return issue(`matches does not apply to the numeric field ${c.field}; use is or is_one_of`, ["operator"]);
    c.values.forEach((v, i) => {
      const p = String(v);
      if (p.trim() !== "" && /^[*?]+$/.test(p)) {
        issue(`wildcard ${JSON.stringify(p)} is malformed: made only of * and ? it matches every value; use exists instead`, ["values", i]);
      }
    });
    return;
  }
  // is, is_not, is_one_of: each value must be of the field's type.
  c.values.forEach((v, i) => {
    if (typeof v === "string" && v.trim() === "") return;
    if (kind === "ip" && !ipBytes(String(v).trim())) {
      issue(`${JSON.stringify(String(v))} is not an IP address (${c.field} is an IP field${String(v).includes("/") ? "; use cidr for ranges" : ""})`, ["values", i]);
    } else if (kind === "number" && toNumber(typeof v === "string" ? v.trim() : v) === undefined) {
      issue(`${c.field} is a numeric field: ${JSON.stringify(v)} is not a number`, ["values", i]);
    } else if (kind === "boolean" && toBoolean(v) === undefined) {
      issue(`${c.field} is a boolean field: use true or false`, ["values", i]);
    }
  });
}

function cidrHint(text: string): string {
  const [addr, bits, extra] = text.split("/");
  if (extra !== undefined) return "more than one /";
  if (!ipBytes(addr)) return `${JSON.stringify(addr)} is not an IPv4 or IPv6 address`;
  const max = addr.includes(":") ? 128 : 32;
  if (bits === undefined) return "expected address/prefix";
  return `the prefix must be a number from 0 to ${max}`;
}

/** IPs and numbers are trimmed; text values are kept exactly (paths and command lines are compared as written). */
function normalizeValues(c: AllowlistCondition): AllowlistCondition {
  const kind = fieldKind(c.field);
  if (kind === "text") return c;
  return { ...c, values: c.values.map((v) => (typeof v === "string" ? v.trim() : v)) };
}

export const allowlistConditionSchema = z
  .object({
    field: z
      .string()
      .trim()
      .min(1, "field is required")
      .max(256)
      .regex(FIELD_NAME, "field must be a dotted ECS field name such as source.ip or process.parent.name"),
    operator: z.enum(ALLOWLIST_OPERATORS, { error: `operator must be one of ${ALLOWLIST_OPERATORS.join(", ")}` }),
    values: z.array(conditionValue).max(1000, "at most 1000 values per condition").default([]),
  })
  .superRefine(checkCondition)
  .transform(normalizeValues);

const expiresAt = z
  .union([z.iso.datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time such as 2026-06-30T00:00:00Z" }), z.null()])
  .transform((v) => (v === null ? null : new Date(v)));

/** The fields of an entry, without defaults (shared by create and update). */
const entryFields = {
  name: z.string().trim().min(1, "name is required").max(200, "name may have at most 200 characters"),
  comment: z.string().max(4000, "comment may have at most 4000 characters"),
  ruleId: z.union([z.string().trim().min(1, "ruleId must be a rule id or null (all rules)").max(200), z.null()]),
  conditions: z
    .array(allowlistConditionSchema)
    .min(1, "add at least one condition (an entry without conditions would allowlist everything)")
    .max(20, "at most 20 conditions per entry"),
  caseInsensitive: z.boolean(),
  expiresAt,
  enabled: z.boolean(),
};

/** A complete entry (create, preview): defaults as in the API contract. */
export const allowlistEntrySchema = z.object({
  name: entryFields.name,
  comment: entryFields.comment.default(""),
  ruleId: entryFields.ruleId.default(null),
  conditions: entryFields.conditions,
  caseInsensitive: entryFields.caseInsensitive.default(true),
  expiresAt: expiresAt.default(null),
  enabled: entryFields.enabled.default(true),
});
export type AllowlistEntryInput = z.output<typeof allowlistEntrySchema>;

export const createAllowlistSchema = allowlistEntrySchema.extend({ closeMatchingAlerts: z.boolean().default(false) });
export type CreateAllowlistInput = z.output<typeof createAllowlistSchema>;

/** PATCH: any subset of the fields; the merged entry is validated again as a whole. */
export const updateAllowlistSchema = z
  .object({
    name: entryFields.name.optional(),
    comment: entryFields.comment.optional(),
    ruleId: entryFields.ruleId.optional(),
    conditions: entryFields.conditions.optional(),
    caseInsensitive: entryFields.caseInsensitive.optional(),
    expiresAt: expiresAt.optional(),
    enabled: entryFields.enabled.optional(),
    closeMatchingAlerts: z.boolean().optional(),
  })
  .strict();
export type UpdateAllowlistInput = z.output<typeof updateAllowlistSchema>;

/** Preview: a draft entry; the name is optional while the form is being filled in. */
export const previewAllowlistSchema = allowlistEntrySchema.extend({ name: z.string().max(200).default("") });
export type PreviewAllowlistInput = z.output<typeof previewAllowlistSchema>;

export const previewDaysSchema = dayCount(1, 90, 7);
