import crypto from "node:crypto";
import { parse as parseToml } from "smol-toml";
import { unknownFields, unsupportedFeature } from "./import-checks";
import { parseRuleText } from "./loader";
import type { Rule } from "./types";

/**
 * One Elastic detection-rules TOML file as an importable rule: parsed, validated (type and
 * language eql, the schema of `lib/rules/schema.ts`), compiled, and checked for what the worker
 * can run (`import-checks.ts`). Pure apart from hashing.
 */
export type ParsedImport =
  | { ok: true; rule: Rule; sha256: string }
  | { ok: false; reason: string; ruleId?: string; name?: string };

function declaredFields(text: string): Set<string> {
  try {
    const doc = parseToml(text) as { rule?: { required_fields?: { name?: unknown }[] } };
    const list = Array.isArray(doc.rule?.required_fields) ? doc.rule.required_fields : [];
    return new Set(list.map((f) => f?.name).filter((n): n is string => typeof n === "string"));
  } catch {
    return new Set();
  }
}

export function parseImport(text: string, fileName: string): ParsedImport {
  const clean = text.replace(/^\uFEFF/, "");
  const parsed = parseRuleText(clean, fileName);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const rule = parsed.rule;
  const who = { ruleId: rule.ruleId, name: rule.name };
  const feature = unsupportedFeature(rule);
  if (feature) return { ok: false, reason: feature, ...who };
  const unknown = unknownFields(rule, declaredFields(clean));
  if (unknown.length) {
    return { ok: false, reason: `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: neither ECS nor declared in required_fields`, ...who };
  }
  return { ok: true, rule, sha256: crypto.createHash("sha256").update(clean).digest("hex") };
}
