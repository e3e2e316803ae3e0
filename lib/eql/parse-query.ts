import type { EventFilter, FieldExpr, Pipe, QueryAst, SequenceStage } from "./ast";
import { EqlError, EqlSyntaxError } from "./errors";
import { Parser } from "./parser";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_RUNS = 100;

/**
 * Parses an Elasticsearch EQL query: an event query (`<category> where <condition>`), or a
 * sequence, followed by `| head N` / `| tail N` pipes. Throws EqlSyntaxError (with line and column)
 * or EqlError for constructs Elasticsearch EQL has but this engine does not support.
 */
export function parseQuery(text: string): QueryAst {
  const p = new Parser(text);
  let ast: QueryAst;
  const first = p.peek();
  if (p.isWord("join") || p.isWord("sample")) {
    throw new EqlError(`'${first.text}' queries are not supported (line ${first.line}:${first.column}); use an event query or a sequence`);
  }
  if (p.isWord("sequence")) {
    ast = parseSequence(p);
  } else {
    ast = { type: "event", filter: parseFilter(p), pipes: [] };
  }
  ast.pipes = parsePipes(p);
  if (p.peek().kind !== "eof") p.fail("'|' or the end of the query");
  return ast;
}

function parseFilter(p: Parser): EventFilter {
  const t = p.peek();
  const pos = p.pos(t);
  let category: string | null;
  if (t.kind === "string") category = t.value as string;
  else if (t.kind === "ident" && !t.tilde && t.text === "any") category = null;
  else if ((t.kind === "ident" && !t.tilde && !["where", "sequence", "by", "with", "until"].includes(t.text)) || t.kind === "qident") {
    category = t.text;
  } else {
    return p.fail("an event category (e.g. 'process') or 'any'");
  }
  p.next();
  p.expectWord("where");
  return { category, condition: p.parseExpression(), pos };
}

function parseJoinKeys(p: Parser): FieldExpr[] {
  const keys = [p.parseField()];
  while (p.acceptOp(",")) keys.push(p.parseField());
  return keys;
}

function parseSequence(p: Parser): QueryAst {
  p.expectWord("sequence");
  let by: FieldExpr[] = [];
  let maxspanMs: number | null = null;
  if (p.acceptWord("by")) by = parseJoinKeys(p);
  if (p.isWord("with")) {
    p.next();
    if (!p.isWord("maxspan")) p.fail("'maxspan'");
    p.next();
    p.expectOp("=", "'=' after 'maxspan'");
    const { value, token } = p.expectInteger("a whole number for maxspan (e.g. 30s)");
    const unit = p.peek();
    if (unit.kind !== "ident" || unit.tilde || !(unit.text in UNIT_MS)) {
      p.fail("a time unit after the maxspan value: ms, s, m, h or d");
    }
    p.next();
    if (value <= 0) throw new EqlSyntaxError("maxspan must be greater than zero", token.line, token.column);
    maxspanMs = value * UNIT_MS[unit.text];
    if (p.isWord("by")) {
      const t = p.peek();
      throw new EqlSyntaxError("write the sequence 'by' keys before 'with maxspan', not after", t.line, t.column);
    }
  }
  const stages: SequenceStage[] = [];
  while (p.isOp("[") || (p.isOp("!") && p.isOp("[", 1))) {
    const missing = p.acceptOp("!");
    const stage = { ...parseStage(p, true), ...(missing ? { missing: true } : {}) };
    for (let r = 0; r < stage.runs; r++) stages.push(stage);
  }
  let until: SequenceStage | null = null;
  if (p.acceptWord("until")) {
    if (!p.isOp("[")) p.fail("'[' after 'until'");
    until = parseStage(p, false);
  }
  if (stages.length < 2) {
    const t = p.peek();
    if (stages.length === 0) p.fail("'[' starting a sequence stage");
    throw new EqlSyntaxError(`a sequence needs at least 2 stages, found ${stages.length}`, t.line, t.column);
  }
  const keyCount = stages[0].by.length;
  for (const s of [...stages, ...(until ? [until] : [])]) {
    if (s.by.length !== keyCount) {
      throw new EqlSyntaxError(
        `every stage of a sequence needs the same number of 'by' keys: expected ${keyCount}, found ${s.by.length}`,
        s.pos.line,
        s.pos.column,
      );
    }
  }
  return { type: "sequence", by, maxspanMs, stages, until, pipes: [] };
}

function parseStage(p: Parser, allowRuns: boolean): SequenceStage {
  p.expectOp("[");
  const filter = parseFilter(p);
  p.expectOp("]", "']' closing the stage");
  const by = p.acceptWord("by") ? parseJoinKeys(p) : [];
  let runs = 1;
  if (allowRuns && p.isWord("with") && p.peek(1).kind === "ident" && p.peek(1).text === "runs") {
    p.next();
    p.next();
    p.expectOp("=", "'=' after 'runs'");
    const { value, token } = p.expectInteger("a whole number of runs");
    if (value < 1 || value > MAX_RUNS) {
      throw new EqlSyntaxError(`runs must be between 1 and ${MAX_RUNS}, found ${value}`, token.line, token.column);
    }
    runs = value;
  }
  return { ...filter, by, runs };
}

function parsePipes(p: Parser): Pipe[] {
  const pipes: Pipe[] = [];
  while (p.acceptOp("|")) {
    const t = p.peek();
    if (t.kind !== "ident") p.fail("a pipe name (head or tail)");
    if (t.text !== "head" && t.text !== "tail") {
      throw new EqlError(`the '${t.text}' pipe is not supported (line ${t.line}:${t.column}); only 'head' and 'tail' are`);
    }
    p.next();
    let count = 10;
    if (p.peek().kind === "number") {
      const n = p.expectInteger(`a whole number after '${t.text}'`);
      if (n.value <= 0) throw new EqlSyntaxError(`${t.text} needs a number greater than zero`, n.token.line, n.token.column);
      count = n.value;
    }
    pipes.push({ kind: t.text, count, pos: p.pos(t) });
  }
  return pipes;
}
