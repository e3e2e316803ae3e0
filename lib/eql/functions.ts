import { EqlError } from "./errors";
import { cidrContains, ipBytes, parseCidr, type Cidr } from "./values";
import { fold } from "./wildcard";

/** A runtime value in expressions; null is EQL null (missing field, or a null result). */
export type Val = string | number | boolean | null;

/** Static kind of an expression, used to reject wrong argument types when compiling (as Elasticsearch's verifier does). */
export type Kind = "string" | "number" | "boolean" | "ip" | "date" | "null" | "any";

type Param = "string" | "number" | "boolean" | "ip" | "any";

interface FunctionSpec {
  min: number;
  max: number;
  /** Has a `name~` case-insensitive variant. */
  insensitive: boolean;
  params: Param[];
  /** Argument positions that must be literals. */
  constant?: number[];
  result: Kind;
  /** `ci`: the `~` variant was called. Arguments are already evaluated; null handling is per function. */
  impl(args: Val[], ci: boolean, extra: { cidrs?: Cidr[]; floatArgs: boolean[] }): Val;
}

const isInt = (v: number, float: boolean) => !float && Number.isInteger(v);

/** Integer arithmetic stays integral (Java long semantics, truncating division); a float operand makes it floating point. */
function arith(op: (a: number, b: number, integral: boolean) => number | null) {
  return (args: Val[], _ci: boolean, extra: { floatArgs: boolean[] }): Val => {
    const [a, b] = args;
    if (typeof a !== "number" || typeof b !== "number") return null;
    return op(a, b, isInt(a, extra.floatArgs[0]) && isInt(b, extra.floatArgs[1]));
  };
}

export const add = arith((a, b) => a + b);
export const subtract = arith((a, b) => a - b);
export const multiply = arith((a, b) => a * b);
export const divide = arith((a, b, integral) => (integral ? (b === 0 ? null : Math.trunc(a / b)) : a / b));
export const modulo = arith((a, b, integral) => (integral && b === 0 ? null : a % b));

/** Java's Double.toString for whole floating-point values ("2.0"); other numbers as JavaScript prints them. */
export function valueToString(v: Val, float = false): string | null {
  if (v === null) return null;
  if (typeof v === "number" && float && Number.isInteger(v) && Math.abs(v) < 1e7) return `${v}.0`;
  return String(v);
}

/** Elasticsearch's `between`: an empty left or right returns the whole string; not found returns "". */
export function between(s: string, left: string, right: string, greedy: boolean, ci: boolean): string {
  if (s === "" || left === "" || right === "") return s;
  const m = ci ? fold(s) : s;
  const l = ci ? fold(left) : left;
  const r = ci ? fold(right) : right;
  const li = m.indexOf(l);
  if (li < 0) return "";
  const start = li + l.length;
  const ri = greedy ? m.lastIndexOf(r) : m.indexOf(r, start);
  if (ri < 0 || ri < start) return "";
  return s.substring(start, ri);
}

/** Python slice semantics, as Elasticsearch's `substring`. */
export function substring(s: string, start: number, end: number): string {
  const len = s.length;
  if (start < 0) start = Math.max(0, start + len);
  if (end < 0) end = Math.max(0, end + len);
  else if (end > len) end = len;
  return start >= end ? "" : s.substring(start, end);
}

/** Elasticsearch's `number`: base 10 accepts decimals, other bases integers; "0x" means base 16 when no base is given. */
export function toNumberFn(s: string, base: number | null): number | null {
  const hex = s.startsWith("0x");
  const radix = base ?? (hex ? 16 : 10);
  const text = hex && radix === 16 ? s.slice(2) : s;
  if (radix === 10) return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : null;
  if (radix < 2 || radix > 36) return null;
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, radix);
  const body = text.replace(/^[+-]/, "");
  if (body === "" || [...body.toLowerCase()].some((c) => !digits.includes(c))) return null;
  const n = parseInt(text, radix);
  return Number.isNaN(n) ? null : n;
}

const str = (v: Val): v is string => typeof v === "string";

export const FUNCTIONS: Record<string, FunctionSpec> = {
  add: { min: 2, max: 2, insensitive: false, params: ["number", "number"], result: "number", impl: add },
  subtract: { min: 2, max: 2, insensitive: false, params: ["number", "number"], result: "number", impl: subtract },
  multiply: { min: 2, max: 2, insensitive: false, params: ["number", "number"], result: "number", impl: multiply },
  divide: { min: 2, max: 2, insensitive: false, params: ["number", "number"], result: "number", impl: divide },
  modulo: { min: 2, max: 2, insensitive: false, params: ["number", "number"], result: "number", impl: modulo },
  between: {
    min: 3, max: 4, insensitive: true, params: ["string", "string", "string", "boolean"], constant: [3], result: "string",
    impl: ([s, l, r, g], ci) => (str(s) && str(l) && str(r) ? between(s, l, r, g === true, ci) : null),
  },
  cidrMatch: {
    min: 2, max: Infinity, insensitive: false, params: ["ip", "string"], result: "boolean",
    impl: ([ip], _ci, { cidrs }) => {
      const b = ipBytes(ip);
      if (!b) return null;
      return cidrs!.some((c) => cidrContains(c, b));
    },
  },
  concat: {
    min: 1, max: Infinity, insensitive: false, params: ["any"], result: "string",
    impl: (args, _ci, { floatArgs }) => {
      let out = "";
      for (let i = 0; i < args.length; i++) {
        const s = valueToString(args[i], floatArgs[i]);
        if (s === null) return null;
        out += s;
      }
      return out;
    },
  },
  endsWith: {
    min: 2, max: 2, insensitive: true, params: ["string", "string"], result: "boolean",
    impl: ([s, x], ci) => (str(s) && str(x) ? (ci ? fold(s).endsWith(fold(x)) : s.endsWith(x)) : null),
  },
  startsWith: {
    min: 2, max: 2, insensitive: true, params: ["string", "string"], result: "boolean",
    impl: ([s, x], ci) => (str(s) && str(x) ? (ci ? fold(s).startsWith(fold(x)) : s.startsWith(x)) : null),
  },
  stringContains: {
    min: 2, max: 2, insensitive: true, params: ["string", "string"], result: "boolean",
    impl: ([s, x], ci) => {
      if (!str(s) || !str(x)) return null;
      if (s === "" || x === "") return false;
      return ci ? fold(s).includes(fold(x)) : s.includes(x);
    },
  },
  indexOf: {
    min: 2, max: 3, insensitive: true, params: ["string", "string", "number"], result: "number",
    impl: ([s, x, start], ci) => {
      if (!str(s) || !str(x)) return null;
      const from = typeof start === "number" ? Math.max(0, Math.trunc(start)) : 0;
      const i = ci ? fold(s).indexOf(fold(x), from) : s.indexOf(x, from);
      return i < 0 ? null : i;
    },
  },
  length: { min: 1, max: 1, insensitive: false, params: ["string"], result: "number", impl: ([s]) => (str(s) ? s.length : null) },
  number: {
    min: 1, max: 2, insensitive: false, params: ["string", "number"], result: "number",
    impl: ([s, base]) => (str(s) ? toNumberFn(s, typeof base === "number" ? base : null) : null),
  },
  string: {
    min: 1, max: 1, insensitive: false, params: ["any"], result: "string",
    impl: ([v], _ci, { floatArgs }) => valueToString(v, floatArgs[0]),
  },
  substring: {
    min: 2, max: 3, insensitive: false, params: ["string", "number", "number"], result: "string",
    impl: ([s, a, b]) => {
      if (!str(s)) return null;
      const start = typeof a === "number" ? Math.trunc(a) : 0;
      const end = typeof b === "number" ? Math.trunc(b) : s.length;
      return substring(s, start, end);
    },
  },
};

export interface ArgInfo {
  kind: Kind;
  constant: boolean;
  value?: Val;
}

/** Arity, `~` and argument-type checks, with the messages Elasticsearch users expect. */
export function checkCall(name: string, ci: boolean, args: ArgInfo[]): FunctionSpec {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!spec) throw new EqlError(`unknown function ${name}(); supported: ${Object.keys(FUNCTIONS).join(", ")}`);
  if (ci && !spec.insensitive) throw new EqlError(`function ${name}() has no case-insensitive variant ${name}~()`);
  if (args.length < spec.min || args.length > spec.max) {
    const expected = spec.max === Infinity ? `at least ${spec.min}` : spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new EqlError(`function ${name}() takes ${expected} argument(s), got ${args.length}`);
  }
  args.forEach((a, i) => {
    const param = spec.params[Math.min(i, spec.params.length - 1)];
    const ok =
      a.kind === "any" || a.kind === "null" || param === "any" ||
      (param === "ip" ? a.kind === "ip" || a.kind === "string" : a.kind === param);
    if (!ok) throw new EqlError(`argument ${i + 1} of ${name}() must be ${param === "ip" ? "an IP" : `a ${param}`}, found a ${a.kind}`);
    if (spec.constant?.includes(i) && !a.constant) throw new EqlError(`argument ${i + 1} of ${name}() must be a constant`);
  });
  if (name === "cidrMatch") {
    args.slice(1).forEach((a, i) => {
      if (!a.constant || typeof a.value !== "string" || !parseCidr(a.value)) {
        throw new EqlError(`argument ${i + 2} of cidrMatch() must be a CIDR block literal such as "10.0.0.0/8"`);
      }
    });
  }
  return spec;
}

const BY_LOWER_NAME = new Map(Object.keys(FUNCTIONS).map((n) => [n.toLowerCase(), n]));

/** The function's name as the engine spells it (`STARTSWITH` is `startsWith`); unknown names as written. */
export function canonicalFunctionName(name: string): string {
  return BY_LOWER_NAME.get(name.toLowerCase()) ?? name;
}
