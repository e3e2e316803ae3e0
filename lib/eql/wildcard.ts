import { EqlError } from "./errors";

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
export const escapeRegex = (s: string) => s.replace(REGEX_SPECIAL, "\\$&");

/** Lower-casing used by every case-insensitive comparison (`:`, `in~`, `like~`, `fn~`). */
export const fold = (s: string) => s.toLowerCase();

export const hasWildcard = (pattern: string) => pattern.includes("*") || pattern.includes("?");

/**
 * A matcher for one EQL wildcard pattern: `*` any run of characters (possibly empty), `?` exactly one
 * character (a Unicode code point). Nothing else is special and there is no escape character, as in
 * Elasticsearch EQL. The pattern must already be folded when the match is case-insensitive.
 */
export function wildcardTest(pattern: string): (s: string) => boolean {
  if (!hasWildcard(pattern)) return (s) => s === pattern;
  const body = pattern.slice(1, -1);
  if (!body.includes("?") && !body.includes("*") && pattern.length >= 2) {
    if (pattern[0] === "*" && pattern[pattern.length - 1] === "*") return (s) => s.includes(body);
  }
  if (!pattern.includes("?")) {
    const stars = pattern.split("*").length - 1;
    if (stars === 1 && pattern.endsWith("*")) {
      const prefix = pattern.slice(0, -1);
      return (s) => s.startsWith(prefix);
    }
    if (stars === 1 && pattern.startsWith("*")) {
      const suffix = pattern.slice(1);
      return (s) => s.endsWith(suffix);
    }
  }
  let src = "";
  for (const ch of pattern) src += ch === "*" ? "[^]*" : ch === "?" ? "." : escapeRegex(ch);
  const re = new RegExp(`^${src}$`, "su");
  return (s) => re.test(s);
}

/** A predicate over a string for a list of wildcard patterns (any may match). */
export function wildcardListTest(patterns: string[], insensitive: boolean): (s: string) => boolean {
  const folded = patterns.map((p) => (insensitive ? fold(p) : p));
  if (!folded.some(hasWildcard)) {
    const set = new Set(folded);
    return insensitive ? (s) => set.has(fold(s)) : (s) => set.has(s);
  }
  const tests = folded.map(wildcardTest);
  const one = tests.length === 1 ? tests[0] : (s: string) => tests.some((t) => t(s));
  return insensitive ? (s) => one(fold(s)) : one;
}

/**
 * Converts a Lucene regular expression (what Elasticsearch runs for `regex`) to a JavaScript one
 * that must match the whole string. Lucene has no predefined classes: `\s` is the letter s, `\d` the
 * letter d. Its optional operators (`@ & ~ < > #`) are not supported and rejected.
 */
export function luceneRegexToJs(pattern: string, insensitive: boolean): RegExp {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) throw new EqlError(`invalid regex "${pattern}": trailing backslash`);
      out += escapeRegex(next) === next && !/[-\]]/.test(next) ? next : `\\${next}`;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch === "[" ? "\\[" : ch;
      continue;
    }
    if (ch === "[") inClass = true;
    if ("@&~<>#".includes(ch)) {
      throw new EqlError(`regex operator '${ch}' in "${pattern}" is not supported; escape it with a backslash to match it literally`);
    }
    out += ch === "." ? "[^]" : ch === '"' ? '"' : ch;
  }
  try {
    return new RegExp(`^(?:${out})$`, insensitive ? "i" : "");
  } catch (err) {
    throw new EqlError(`invalid regex "${pattern}": ${(err as Error).message}`);
  }
}
