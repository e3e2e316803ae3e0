/**
 * Loads the rule pack: every `*.toml` file of the rules directory, validated and with its EQL query
 * compiled. A broken file is reported in `errors` (path and reason) and the other files still load.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml, TomlError } from "smol-toml";
import { compileQuery, EqlError, EqlSyntaxError } from "@/lib/eql";
import { validateRuleDocument } from "./schema";
import type { Rule, RulePack, RulePackError } from "./types";

/**
 * The repository root: the nearest ancestor of this module (then of the working directory) holding
 * both `package.json` and `lib/rules/`. Walking up rather than using a fixed `../..` keeps it right
 * when the module is run from a bundle (e.g. under `.next/`) or through a symlink.
 */
export function findRepoRoot(): string {
  const starts: string[] = [];
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // import.meta.url is not a file: URL (bundled); fall back to the working directory.
  }
  starts.push(process.cwd());
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "lib", "rules"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return starts.length > 1 ? path.resolve(starts[0]!, "..", "..") : process.cwd();
}

/** `RULES_DIR` (resolved against the working directory) if set, else `<repo>/rules`. */
export function defaultRulesDir(): string {
  const fromEnv = process.env.RULES_DIR;
  if (fromEnv && fromEnv.trim() !== "") return path.resolve(fromEnv);
  return path.join(findRepoRoot(), "rules");
}

export type RuleParseResult = { ok: true; rule: Rule } | { ok: false; reason: string };

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

function describeTomlError(err: unknown): string {
  if (err instanceof TomlError) {
    const message = firstLine(err.message).replace(/^Invalid TOML document:\s*/, "");
    return `invalid TOML at line ${err.line}, column ${err.column}: ${message}`;
  }
  return `invalid TOML: ${err instanceof Error ? firstLine(err.message) : String(err)}`;
}

function describeCompileError(err: unknown): string {
  if (err instanceof EqlSyntaxError) {
    return `query does not compile: ${err.reason} (line ${err.line}, column ${err.column})`;
  }
  if (err instanceof EqlError) return `query does not compile: ${err.message}`;
  return `query does not compile (engine error): ${err instanceof Error ? err.message : String(err)}`;
}

/** Parses, validates and compiles one rule from its TOML text. */
export function parseRuleText(text: string, sourcePath: string): RuleParseResult {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: describeTomlError(err) };
  }
  const validated = validateRuleDocument(doc, sourcePath);
  if (!validated.ok) return validated;
  try {
    const compiled = compileQuery(validated.rule.query);
    return { ok: true, rule: { ...validated.rule, compiled } };
  } catch (err) {
    return { ok: false, reason: describeCompileError(err) };
  }
}

/** Reads one rule file. */
export function loadRuleFile(filePath: string): RuleParseResult {
  const absolute = path.resolve(filePath);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (err) {
    return { ok: false, reason: `cannot read file: ${err instanceof Error ? err.message : String(err)}` };
  }
  return parseRuleText(text.replace(/^\uFEFF/, ""), absolute);
}

/**
 * Loads every `*.toml` file (not recursive) of `dir`, in file-name order. Files with an already
 * loaded `rule_id` are reported as duplicates and skipped; the first file (by name) wins.
 */
export function loadRulePack(dir: string = defaultRulesDir()): RulePack {
  // Read at run time (RULES_DIR): not something the build should trace into the server output.
  const root = path.resolve(/*turbopackIgnore: true*/ dir);
  const rules: Rule[] = [];
  const errors: RulePackError[] = [];
  let names: string[];
  try {
    names = readdirSync(/*turbopackIgnore: true*/ root);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "rules directory not found" : String(err);
    return { rules, errors: [{ path: root, reason }] };
  }
  const files = names
    .filter((name) => name.toLowerCase().endsWith(".toml"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => path.join(root, name))
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });

  const byId = new Map<string, string>();
  for (const file of files) {
    const result = loadRuleFile(file);
    if (!result.ok) {
      errors.push({ path: file, reason: result.reason });
      continue;
    }
    const first = byId.get(result.rule.ruleId);
    if (first !== undefined) {
      errors.push({
        path: file,
        reason: `duplicate rule_id ${result.rule.ruleId}: already defined in ${first}`,
      });
      continue;
    }
    byId.set(result.rule.ruleId, file);
    rules.push(result.rule);
  }
  return { rules, errors };
}
