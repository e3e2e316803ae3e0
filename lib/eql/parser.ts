import type { CompareOp, Expr, FieldExpr, MatchOp, Pos } from "./ast";
import { EqlSyntaxError } from "./errors";
import { canonicalFunctionName } from "./functions";
import { tokenize, type Token } from "./lexer";

/** Words that cannot be used as bare field names (backquote them: `in`). */
export const KEYWORDS = new Set([
  "and", "or", "not", "in", "like", "regex", "true", "false", "null", "where", "by", "with", "until",
  "sequence", "join", "sample", "of", "any",
]);

const COMPARE_OPS = new Set(["==", "!=", "<", "<=", ">", ">="]);

function describe(t: Token): string {
  if (t.kind === "eof") return "the end of the query";
  if (t.kind === "string") return `string ${JSON.stringify(t.value)}`;
  if (t.kind === "qident") return `\`${t.text}\``;
  return `'${t.text}${t.tilde ? "~" : ""}'`;
}

/** Token cursor plus the expression grammar (precedence: or < and < not < comparison < + - < * / % < unary). */
export class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(text: string) {
    this.tokens = tokenize(text);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.index++;
    return t;
  }

  pos(t: Token = this.peek()): Pos {
    return { line: t.line, column: t.column };
  }

  fail(expected: string, t: Token = this.peek()): never {
    throw new EqlSyntaxError(`expected ${expected} but found ${describe(t)}`, t.line, t.column);
  }

  isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "op" && t.text === text;
  }

  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "ident" && !t.tilde && t.text === word;
  }

  acceptOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.index++;
    return true;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  expectOp(text: string, what = `'${text}'`): Token {
    if (!this.isOp(text)) this.fail(what);
    return this.next();
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail(`'${word}'`);
    return this.next();
  }

  expectInteger(what: string): { value: number; token: Token } {
    const t = this.peek();
    if (t.kind !== "number" || t.float) this.fail(what);
    this.next();
    return { value: t.value as number, token: t };
  }

  // ---- expressions ----

  parseExpression(): Expr {
    return this.parseOr();
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord("or")) {
      const pos = this.pos(this.next());
      left = { type: "or", left, right: this.parseAnd(), pos };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isWord("and")) {
      const pos = this.pos(this.next());
      left = { type: "and", left, right: this.parseNot(), pos };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isWord("not")) {
      const pos = this.pos(this.next());
      return { type: "not", operand: this.parseNot(), pos };
    }
    return this.parsePredicate();
  }

  /** A value followed by at most one comparison or predicate (`in`, `:`, `like`, `regex`). */
  private parsePredicate(): Expr {
    const left = this.parseAdditive();
    const t = this.peek();
    const pos = this.pos(t);
    if (t.kind === "op" && COMPARE_OPS.has(t.text)) {
      this.next();
      const right = this.parseAdditive();
      const after = this.peek();
      if (after.kind === "op" && (COMPARE_OPS.has(after.text) || after.text === ":")) {
        this.fail("'and', 'or', ')' or the end of the condition (comparisons do not chain)");
      }
      return { type: "compare", op: t.text as CompareOp, left, right, pos };
    }
    if (t.kind === "op" && t.text === ":") {
      this.next();
      return { type: "match", op: ":", left, patterns: this.parsePatterns(), pos };
    }
    if (t.kind === "ident" && (t.text === "like" || t.text === "regex")) {
      this.next();
      const op = (t.text + (t.tilde ? "~" : "")) as MatchOp;
      return { type: "match", op, left, patterns: this.parsePatterns(), pos };
    }
    const negated = this.isWord("not") && this.peek(1).kind === "ident" && this.peek(1).text === "in";
    if (negated) this.next();
    const inTok = this.peek();
    if (inTok.kind === "ident" && inTok.text === "in") {
      this.next();
      this.expectOp("(", "'(' after 'in'");
      const list = [this.parseExpression()];
      while (this.acceptOp(",")) list.push(this.parseExpression());
      this.expectOp(")", "',' or ')' in the 'in' list");
      return { type: "in", insensitive: !!inTok.tilde, negated, left, list, pos };
    }
    if (negated) this.fail("'in' after 'not'");
    return left;
  }

  /** One constant string, or a parenthesised list of them. */
  private parsePatterns(): string[] {
    const one = (): string => {
      const t = this.peek();
      if (t.kind !== "string") this.fail("a string pattern");
      this.next();
      return t.value as string;
    };
    if (!this.acceptOp("(")) return [one()];
    const patterns = [one()];
    while (this.acceptOp(",")) patterns.push(one());
    this.expectOp(")", "',' or ')' in the pattern list");
    return patterns;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const t = this.next();
      left = { type: "arith", op: t.text as "+" | "-", left, right: this.parseMultiplicative(), pos: this.pos(t) };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("%")) {
      const t = this.next();
      left = { type: "arith", op: t.text as "*" | "/" | "%", left, right: this.parseUnary(), pos: this.pos(t) };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isOp("-") || this.isOp("+")) {
      const t = this.next();
      const operand = this.parseUnary();
      if (t.text === "+") return operand;
      if (operand.type === "literal" && typeof operand.value === "number") {
        return { ...operand, value: -operand.value, pos: this.pos(t) };
      }
      return { type: "neg", operand, pos: this.pos(t) };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    const pos = this.pos(t);
    if (t.kind === "number") {
      this.next();
      return { type: "literal", value: t.value as number, float: !!t.float, pos };
    }
    if (t.kind === "string") {
      this.next();
      return { type: "literal", value: t.value as string, float: false, pos };
    }
    if (this.acceptOp("(")) {
      const inner = this.parseExpression();
      this.expectOp(")", "')'");
      return inner;
    }
    if (t.kind === "ident" && !t.tilde && (t.text === "true" || t.text === "false" || t.text === "null")) {
      this.next();
      return { type: "literal", value: t.text === "null" ? null : t.text === "true", float: false, pos };
    }
    if (t.kind === "ident" && this.isOp("(", 1)) {
      this.next();
      this.next();
      const args: Expr[] = [];
      if (!this.isOp(")")) {
        args.push(this.parseExpression());
        while (this.acceptOp(",")) args.push(this.parseExpression());
      }
      this.expectOp(")", "',' or ')' in the argument list");
      // Function names are case-insensitive (`CONCAT` is `concat`), as in Elasticsearch.
      return { type: "call", name: canonicalFunctionName(t.text), insensitive: !!t.tilde, args, pos };
    }
    if (this.isOp("?") || t.kind === "ident" || t.kind === "qident") return this.parseField();
    return this.fail("a value, a field name, a function call or '('");
  }

  /** `a.b.c`, `` `a b`.c ``, `?a.b` (optional). */
  parseField(): FieldExpr {
    const start = this.peek();
    const optional = this.acceptOp("?");
    const path: string[] = [this.fieldPart()];
    while (this.isOp(".")) {
      this.next();
      path.push(this.fieldPart());
    }
    return { type: "field", name: path.join("."), path, optional, pos: this.pos(start) };
  }

  private fieldPart(): string {
    const t = this.peek();
    if (t.kind === "qident") {
      this.next();
      return t.text;
    }
    if (t.kind === "ident" && !t.tilde && !KEYWORDS.has(t.text)) {
      this.next();
      return t.text;
    }
    if (t.kind === "number" && !t.float) {
      // ECS-style names never start with a digit, but a segment like `a.1` is accepted as written.
      this.next();
      return t.text;
    }
    return this.fail("a field name");
  }
}
