import ipaddr from "ipaddr.js";
import { ECS_FIELD_TYPES } from "../ecs/columns";
import { parseTimestamp } from "../ecs/values";

/**
 * Field types as the engine sees them. `dynamic` is a field of unknown type: its values are taken
 * with the JSON type they arrive with, and compared according to the literal they meet.
 */
export type FieldType = "keyword" | "long" | "double" | "ip" | "date" | "boolean" | "version" | "dynamic";

/** Extra field types, by dotted field name, in Elasticsearch mapping vocabulary (long, ip, keyword...). */
export type FieldTypeMap = Readonly<Record<string, string>>;

const TYPE_ALIASES: Record<string, FieldType> = {
  long: "long", integer: "long", short: "long", byte: "long", unsigned_long: "long",
  double: "double", float: "double", half_float: "double", scaled_float: "double",
  ip: "ip", date: "date", date_nanos: "date", boolean: "boolean",
  keyword: "keyword", constant_keyword: "keyword", wildcard: "keyword", text: "keyword",
  match_only_text: "keyword", alias: "keyword", version: "version",
};

export function resolveFieldType(name: string, extra?: FieldTypeMap): FieldType {
  const declared = extra?.[name] ?? ECS_FIELD_TYPES[name];
  return (declared && TYPE_ALIASES[declared]) || "dynamic";
}

export const isNumericType = (t: FieldType) => t === "long" || t === "double";

/**
 * A string that a numeric field accepts as a number. Kept deliberately simple so the SQL side can
 * use the very same regular expression before casting text to numeric.
 */
export const NUMERIC_STRING = /^-?[0-9]+(\.[0-9]+)?$/;
export const NUMERIC_STRING_SQL = "^-?[0-9]+(\\.[0-9]+)?$";

export function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && NUMERIC_STRING.test(v)) return Number(v);
  return undefined;
}

/**
 * A value of a `long` field: as Elasticsearch indexes it (coerce), a fractional number or numeric
 * string is truncated toward zero (5985.5 and "5986.7" are 5985 and 5986).
 */
export function toLong(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? (Number.isInteger(v) ? v : Math.trunc(v) || 0) : undefined;
  if (typeof v === "string" && NUMERIC_STRING.test(v)) return Math.trunc(Number(v)) || 0;
  return undefined;
}

/** Keyword view of a value: strings as they are, numbers and booleans in their JSON text form. */
export function toKeyword(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/**
 * Dates as milliseconds since the epoch: numbers and numeric strings are epoch milliseconds, other
 * strings ISO 8601 read by the ingest parser (`lib/ecs/values.ts`): a value without a zone is UTC,
 * never the machine's time zone ("2024-05-01 00:00:10" is 00:00:10 UTC).
 */
export function toDateMs(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v !== "string") return undefined;
  if (NUMERIC_STRING.test(v)) return Math.trunc(Number(v));
  const d = parseTimestamp(v);
  return d === null ? undefined : d.getTime();
}

// ---- versions ----

const VERSION_RE = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

const compareDigits = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Order of Elasticsearch's `version` field: Semantic Versioning precedence (numeric parts numerically,
 * any number of them; a pre-release before its release; pre-release identifiers numeric before
 * alphanumeric), then build metadata as text; strings that are not valid versions after every valid
 * one, in text order.
 */
export function compareVersions(a: string, b: string): number {
  const va = VERSION_RE.test(a);
  const vb = VERSION_RE.test(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : compareText(a, b);
  const split = (v: string) => {
    const plus = v.indexOf("+");
    const core = plus < 0 ? v : v.slice(0, plus);
    const dash = core.indexOf("-");
    return {
      main: (dash < 0 ? core : core.slice(0, dash)).split("."),
      pre: dash < 0 ? null : core.slice(dash + 1).split("."),
      build: plus < 0 ? "" : v.slice(plus + 1),
    };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.main.length, y.main.length); i++) {
    const c = compareDigits(x.main[i], y.main[i]);
    if (c !== 0) return c;
  }
  if (x.main.length !== y.main.length) return x.main.length - y.main.length;
  if (x.pre === null || y.pre === null) {
    if (x.pre !== y.pre) return x.pre === null ? 1 : -1;
  } else {
    for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
      const p = x.pre[i];
      const q = y.pre[i];
      const pn = /^[0-9]+$/.test(p);
      const qn = /^[0-9]+$/.test(q);
      const c = pn && qn ? compareDigits(p, q) : pn ? -1 : qn ? 1 : compareText(p, q);
      if (c !== 0) return c;
    }
    if (x.pre.length !== y.pre.length) return x.pre.length - y.pre.length;
  }
  return compareText(x.build, y.build);
}

// ---- IP addresses ----

const V4 = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";
const H = "[0-9a-fA-F]{1,4}";

/**
 * Every textual IPv6 form (RFC 4291 section 2.2): eight groups, or six and an embedded IPv4 address,
 * with `::` standing for one or more zero groups anywhere; hexadecimal digits in either case and with
 * leading zeros (`::FFFF:127.0.0.1`, `0:0:0:0:0:0:0:1`, `1:2::3:1.2.3.4`).
 */
function ipv6Pattern(): string {
  const alts = [`(${H}:){7}${H}`, `(${H}:){6}${V4}`];
  for (const embedded of [false, true]) {
    const slots = embedded ? 6 : 8;
    for (let left = 0; left < slots; left++) {
      const right = slots - 1 - left;
      const l = left === 0 ? "" : `${H}(:${H}){${left - 1}}`;
      const r = embedded ? `(${H}:){0,${right}}${V4}` : right === 0 ? "" : `(${H}(:${H}){0,${right - 1}})?`;
      alts.push(`${l}::${r}`);
    }
  }
  return alts.join("|");
}
const V6 = ipv6Pattern();
/**
 * The textual IP addresses the engine accepts (IPv4 dotted quad without leading zeros, IPv6 with
 * optional embedded IPv4). Anything else in an IP field is treated as absent, in memory and in SQL alike
 * (the SQL side casts to inet only after this check, so a malformed value never breaks a query).
 */
export const IP_PATTERN_SQL = `^(${V4}|${V6})$`;
const IP_RE = new RegExp(IP_PATTERN_SQL);

const ipCache = new Map<string, Uint8Array | null>();

/** 16 bytes; IPv4 addresses as IPv4-mapped IPv6 (::ffff:a.b.c.d), so both spellings are equal. */
export function ipBytes(v: unknown): Uint8Array | undefined {
  if (typeof v !== "string") return undefined;
  let bytes = ipCache.get(v);
  if (bytes === undefined) {
    bytes = null;
    if (IP_RE.test(v)) {
      try {
        let addr = ipaddr.parse(v);
        if (addr.kind() === "ipv4") addr = (addr as ipaddr.IPv4).toIPv4MappedAddress();
        bytes = Uint8Array.from(addr.toByteArray());
      } catch {
        bytes = null;
      }
    }
    if (ipCache.size > 100_000) ipCache.clear();
    ipCache.set(v, bytes);
  }
  return bytes ?? undefined;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A string that is equal for equal addresses and orders like the addresses (32 hex digits). */
export function ipKey(v: unknown): string | undefined {
  const b = ipBytes(v);
  if (!b) return undefined;
  let s = "";
  for (let i = 0; i < 16; i++) s += HEX[b[i]];
  return s;
}

export function isIpv4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

export interface Cidr {
  bytes: Uint8Array;
  /** Prefix length in the 128-bit (IPv4-mapped) space. */
  bits: number;
  text: string;
}

/** `10.0.0.0/8`, `fe80::/10`, or a plain address (a /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf("/");
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = ipBytes(addr);
  if (!bytes) return undefined;
  const v4 = !addr.includes(":");
  const max = v4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const b = text.slice(slash + 1);
    if (!/^[0-9]{1,3}$/.test(b) || Number(b) > max) return undefined;
    bits = Number(b);
  }
  return { bytes, bits: v4 ? bits + 96 : bits, text };
}

export function cidrContains(cidr: Cidr, b: Uint8Array): boolean {
  let bits = cidr.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((cidr.bytes[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}
