import { EqlSyntaxError } from "./errors";

export type TokenKind =
  | "ident" // identifier; `name~` (function variant, in~, like~, regex~) has tilde = true
  | "qident" // `backquoted identifier`
  | "string"
  | "number"
  | "op" // punctuation and operators
  | "eof";

export interface Token {
  kind: TokenKind;
  /** Identifier name, operator text, or the raw text of a number. */
  text: string;
  /** Decoded string value, or numeric value. */
  value?: string | number;
  /** Number written with a decimal point or exponent. */
  float?: boolean;
  /** Identifier immediately followed by `~`. */
  tilde?: boolean;
  line: number;
  column: number;
}

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">", ":", "(", ")", "[", "]", ",", ".", "|", "+", "-", "*", "/", "%", "?", "=", "!"];

const isIdentStart = (c: string) => /[A-Za-z_@]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_@]/.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";

/**
 * Splits an EQL query into tokens. Strings follow Elasticsearch EQL: double quotes with the escapes
 * \" \' \\ \b \f \n \r \t \u{hex}; raw strings between triple double quotes (no escapes at all);
 * single quotes are rejected. Comments: `// ...` to the end of the line and `/* ... *\/`.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number) => at - lineStart + 1;
  const fail = (message: string, at: number, atLine = line, atLineStart = lineStart): never => {
    throw new EqlSyntaxError(message, atLine, at - atLineStart + 1);
  };
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      newline(i);
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const startLine = line;
      const startLineStart = lineStart;
      const start = i;
      i += 2;
      while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) {
        if (text[i] === "\n") newline(i);
        i++;
      }
      if (i >= text.length) fail("unterminated comment", start, startLine, startLineStart);
      i += 2;
      continue;
    }
    const startCol = col(i);
    const startLine = line;
    if (c === "'") {
      fail("single-quoted strings are not supported in Elasticsearch EQL; use double quotes (\"...\") or a raw string (\"\"\"...\"\"\")", i);
    }
    if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        if (end < 0) fail("unterminated raw string (missing closing \"\"\")", i);
        const raw = text.slice(i + 3, end);
        for (let k = i; k < end; k++) if (text[k] === "\n") newline(k);
        tokens.push({ kind: "string", text: raw, value: raw, line: startLine, column: startCol });
        i = end + 3;
        continue;
      }
      const start = i;
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length || text[i] === "\n") fail("unterminated string (missing closing \")", start, startLine);
        const ch = text[i];
        if (ch === '"') break;
        if (ch === "\\") {
          const e = text[i + 1];
          const simple: Record<string, string> = { '"': '"', "'": "'", "\\": "\\", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
          if (e !== undefined && e in simple) {
            value += simple[e];
            i += 2;
            continue;
          }
          if (e === "u" && text[i + 2] === "{") {
            const close = text.indexOf("}", i + 3);
            const hex = close < 0 ? "" : text.slice(i + 3, close);
            if (!/^[0-9A-Fa-f]{2,8}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
              fail("invalid unicode escape: expected \\u{XXXX} with 2 to 8 hexadecimal digits", i);
            }
            value += String.fromCodePoint(parseInt(hex, 16));
            i = close + 1;
            continue;
          }
          fail(`invalid escape sequence \\${e ?? ""} (allowed: \\" \\' \\\\ \\b \\f \\n \\r \\t \\u{XXXX})`, i);
        }
        value += ch;
        i++;
      }
      i++;
      tokens.push({ kind: "string", text: text.slice(start, i), value, line: startLine, column: startCol });
      continue;
    }
    if (c === "`") {
      const start = i;
      let name = "";
      i++;
      for (;;) {
        if (i >= text.length) fail("unterminated quoted identifier (missing closing `)", start);
        if (text[i] === "`") {
          if (text[i + 1] === "`") {
            name += "`";
            i += 2;
            continue;
          }
          break;
        }
        name += text[i++];
      }
      i++;
      tokens.push({ kind: "qident", text: name, line: startLine, column: startCol });
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[i + 1] ?? ""))) {
      const m = /^(\d*\.\d+|\d+\.?\d*)([eE][+-]?\d+)?/.exec(text.slice(i));
      const raw = m![0];
      // `30s` in maxspan is a number followed by an identifier; `1.e5` style is not EQL.
      const float = raw.includes(".") || /[eE]/.test(raw);
      tokens.push({ kind: "number", text: raw, value: Number(raw), float, line: startLine, column: startCol });
      i += raw.length;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < text.length && isIdentPart(text[i])) i++;
      const name = text.slice(start, i);
      const tilde = text[i] === "~";
      if (tilde) i++;
      tokens.push({ kind: "ident", text: name, tilde, line: startLine, column: startCol });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) fail(`unexpected character '${c}'`, i);
    tokens.push({ kind: "op", text: op!, line: startLine, column: startCol });
    i += op!.length;
  }
  tokens.push({ kind: "eof", text: "<end of query>", line, column: col(i) });
  return tokens;
}
