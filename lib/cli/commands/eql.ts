import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { normalizeEvent } from "../../ecs/normalize";
import { isRawWindowsEvent } from "../../ecs/raw-record";
import { readEventFile } from "../../ingest/read-event-files";
import { compileQuery, EqlError, evaluate, parseElasticsearchMapping, type CompiledQuery, type FieldMapping } from "../../eql";

/**
 * `eql --query '<EQL>' [--timestamp-field F] [--category-field F] [--tiebreaker-field F] FILE...`
 *
 * Evaluates an EQL query over JSON files (an array of events or one event object) and NDJSON files
 * (one event per line), and prints each match as one NDJSON line on stdout: the event for an event
 * query, the JSON array of its events for a sequence. Exit codes: 0 done, 1 unreadable input,
 * 2 bad usage or a query that does not compile (the error on stderr).
 */
export interface EqlCommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves once everything written has been handed to the OS (the caller may exit after it). */
  drain?: () => Promise<void>;
}

/** Resolves `--rule <path-or-id>` to a query; installed by the rules module (not this command). */
export type RuleResolver = (ref: string) => Promise<string>;
let ruleResolver: RuleResolver | undefined;
export function setEqlRuleResolver(resolver: RuleResolver | undefined): void {
  ruleResolver = resolver;
}

const USAGE = "usage: eql --query '<EQL>' [--rule PATH|ID] [--mapping FILE] [--timestamp-field F] [--category-field F] [--tiebreaker-field F] FILE...";

const defaultIo: EqlCommandIo = {
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
  // Writes to a pipe are asynchronous: a write's callback runs once the data before it is flushed, so
  // the process may exit after it without losing what a slow reader has not read yet.
  drain: () => Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((r) => s.write("", () => r())))).then(() => undefined),
};

/**
 * Reads every event of a file the way the importer does (.json, .ndjson, .jsonl, .xml, and those in
 * .zip/.gz). Raw Windows/Sysmon records are mapped to ECS first (lib/ecs), so the seed rules run on
 * a raw export as they do on imported data; ECS documents are evaluated as they are.
 */
export async function readEvents(file: string): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const item of readEventFile(file)) {
    if (item.error !== undefined) throw new Error(`${item.source}${item.line === null ? "" : `:${item.line}`}: ${item.error}`);
    if (!isRawWindowsEvent(item.doc)) {
      events.push(item.doc);
      continue;
    }
    const normalized = normalizeEvent(item.doc);
    if (!normalized.ok) throw new Error(`${item.source}:${item.line}: ${normalized.reason}`);
    events.push(normalized.event.doc);
  }
  return events;
}

export async function eqlCommand(argv: string[], io: EqlCommandIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        query: { type: "string", short: "q" },
        rule: { type: "string" },
        "timestamp-field": { type: "string" },
        "category-field": { type: "string" },
        "tiebreaker-field": { type: "string" },
        mapping: { type: "string" },
      },
    });
  } catch (err) {
    io.stderr(`eql: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  let query = values.query;
  if (values.rule !== undefined) {
    if (query !== undefined) {
      io.stderr(`eql: give --query or --rule, not both\n${USAGE}`);
      return 2;
    }
    if (!ruleResolver) {
      io.stderr("eql: --rule is not available in this build");
      return 2;
    }
    try {
      query = await ruleResolver(values.rule);
    } catch (err) {
      io.stderr(`eql: ${(err as Error).message}`);
      return 2;
    }
  }
  if (query === undefined || positionals.length === 0) {
    io.stderr(`eql: ${query === undefined ? "--query is required" : "no input FILE"}\n${USAGE}`);
    return 2;
  }
  let mapping: FieldMapping | undefined;
  if (values.mapping !== undefined) {
    try {
      mapping = parseElasticsearchMapping(JSON.parse(await fs.readFile(values.mapping, "utf8")));
    } catch (err) {
      io.stderr(`eql: cannot read the mapping ${values.mapping}: ${(err as Error).message}`);
      return 2;
    }
  }
  let compiled: CompiledQuery;
  try {
    compiled = compileQuery(query, {
      timestampField: values["timestamp-field"],
      categoryField: values["category-field"],
      tiebreakerField: values["tiebreaker-field"],
      mapping,
    });
  } catch (err) {
    if (err instanceof EqlError) {
      io.stderr(`eql: invalid query: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const events: unknown[] = [];
  for (const file of positionals) {
    try {
      for (const e of await readEvents(file)) events.push(e);
    } catch (err) {
      io.stderr(`eql: cannot read ${file}: ${(err as Error).message}`);
      return 1;
    }
  }
  for (const match of evaluate(compiled, events)) {
    // A missing-event stage (![...]) is shown as Elasticsearch shows it: {"missing": true}.
    const line = compiled.kind === "event" ? match.events[0] : (match.stages ?? match.events).map((e) => e ?? { missing: true });
    io.stdout(JSON.stringify(line));
  }
  if (io.drain) await io.drain();
  return 0;
}
