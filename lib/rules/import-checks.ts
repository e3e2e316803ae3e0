/**
 * What an imported rule must satisfy beyond parsing and compiling (README.md, "Importing Elastic's
 * rules"): features the worker runs as Elasticsearch would, and fields the product knows or the
 * rule declares. Pure: each check returns the reason a rule cannot run, or null.
 */
import type { FieldExpr, SequenceStage } from "@/lib/eql";
import type { Rule } from "./types";

/**
 * The top-level names of ECS field sets (ECS 8.x), Elastic's Windows integrations (`winlog`,
 * `powershell`) and data streams. Elastic Defend's `Ext` extensions live inside them.
 */
export const KNOWN_FIELD_ROOTS: ReadonlySet<string> = new Set([
  "@timestamp", "agent", "as", "client", "cloud", "container", "data_stream", "destination", "device", "dll", "dns",
  "ecs", "email", "error", "event", "faas", "file", "group", "host", "http", "labels", "log", "message", "network",
  "observer", "orchestrator", "organization", "package", "powershell", "process", "registry", "related", "rule",
  "server", "service", "source", "span", "tags", "threat", "tls", "trace", "transaction", "url", "user",
  "user_agent", "vulnerability", "winlog",
]);

/**
 * Join keys that never span hosts: the worker evaluates sequences per host (`host.id`), which equals
 * Elasticsearch's answer exactly when every key of a sequence belongs to one host.
 */
export const HOST_BOUND_KEYS: ReadonlySet<string> = new Set([
  "host.id", "host.name", "host.hostname", "agent.id", "winlog.computer_name",
  "process.entity_id", "process.parent.entity_id", "process.Ext.ancestry",
]);

/** Every field the query reads (conditions, function arguments, join keys). */
export function queryFields(rule: Rule): string[] {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.type === "field" && typeof o.name === "string") out.add(o.name);
    for (const v of Object.values(o)) walk(v);
  };
  walk(rule.compiled.ast);
  return [...out].sort();
}

/** Fields neither known (an ECS field set, Winlogbeat's `winlog`) nor declared in `required_fields`. */
export function unknownFields(rule: Rule, declared: ReadonlySet<string>): string[] {
  return queryFields(rule).filter((f) => !declared.has(f) && !KNOWN_FIELD_ROOTS.has(f.split(".")[0]!));
}

/** The reason the worker cannot run this query as Elasticsearch would, or null. */
export function unsupportedFeature(rule: Rule): string | null {
  const q = rule.compiled;
  if (q.pipes.length) return `its query uses the pipe "| ${q.pipes[0]!.kind}", which alerts cannot follow (the worker reports every match)`;
  if (q.kind !== "sequence") return null;
  const stages: SequenceStage[] = q.ast.stages;
  if (stages[stages.length - 1]!.missing) {
    return "its sequence ends with a missing-event stage (![...]), which can only be decided once the window has passed; the worker evaluates as events arrive";
  }
  const shared = q.ast.by.map((f: FieldExpr) => f.name);
  for (const [i, stage] of stages.entries()) {
    const keys = [...shared, ...stage.by.map((f: FieldExpr) => f.name)];
    if (!keys.some((k) => HOST_BOUND_KEYS.has(k))) {
      const joined = keys.length ? `by ${keys.join(", ")}` : "without a join key";
      return `its sequence joins events ${joined} (stage ${i + 1}), so one sequence may span hosts; the worker evaluates sequences per host (a join key such as host.id or process.entity_id is needed)`;
    }
  }
  return null;
}
