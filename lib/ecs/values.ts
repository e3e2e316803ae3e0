/** Parsing of single values: timestamps, integers, IP addresses. */
import ipaddr from "ipaddr.js";

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_RE = /^-?\d+(?:\.\d+)?$/;

const MIN_MS = Date.UTC(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * ISO 8601 (a zone-less value is UTC; "T" or a space between date and time; fractions beyond
 * milliseconds are truncated) or epoch milliseconds (a number or a numeric string).
 * Returns null when the value is neither, or falls outside years 0001-9999.
 */
const CANONICAL_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function parseTimestamp(v: unknown): Date | null {
  let ms: number;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    ms = v;
  } else if (typeof v === "string") {
    // The canonical form (what shippers send, and what we store) parses natively.
    if (v.length === 24 && CANONICAL_RE.test(v)) {
      const d = new Date(v);
      // Date.parse accepts 2026-02-30 (as March 2): the round trip rejects impossible dates.
      if (!Number.isNaN(d.getTime()) && d.toISOString() === v) return d;
    }
    const s = v.trim();
    if (EPOCH_RE.test(s)) {
      ms = Number(s);
    } else {
      const m = ISO_RE.exec(s);
      if (!m) return null;
      const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", zone] = m;
      const year = Number(y), month = Number(mo), day = Number(d);
      const hour = Number(h), minute = Number(mi), second = Number(sec);
      if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
      if (day > daysIn(year, month)) return null;
      const millis = Number((frac + "000").slice(0, 3));
      const base = new Date(0);
      base.setUTCFullYear(year, month - 1, day);
      base.setUTCHours(hour, minute, second, millis);
      ms = base.getTime() - zoneOffsetMs(zone);
    }
  } else {
    return null;
  }
  ms = Math.trunc(ms);
  if (ms < MIN_MS || ms > MAX_MS) return null;
  return new Date(ms);
}

function daysIn(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** An integer from a number or a decimal/hex ("0x1f4") string; null when not a safe integer. */
export function parseLong(v: unknown): number | null {
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = v.trim();
  let n: number;
  if (/^[+-]?\d+$/.test(s)) n = Number(s);
  else if (/^0x[0-9a-f]+$/i.test(s)) n = parseInt(s.slice(2), 16);
  else return null;
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Canonical text of an IP address: IPv4 in dotted decimal, IPv4-mapped IPv6 as IPv4, IPv6 in
 * RFC 5952 form (lower case, longest zero run compressed). Brackets and an IPv6 zone ("%eth0",
 * which PostgreSQL inet cannot store) are removed. Null when the text is not an IP address
 * (shorthand IPv4 forms like "127.1" or octal "010.1.1.1" are refused).
 */
// Dotted-decimal IPv4 without leading zeros is already canonical (the common case: no parsing).
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function canonicalIp(v: unknown): string | null {
  if (typeof v !== "string") return null;
  if (CANONICAL_IPV4.test(v)) return v;
  let s = v.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const zone = s.indexOf("%");
  if (zone > 0 && s.includes(":")) s = s.slice(0, zone);
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) {
    if (s.split(".").some((o) => o.length > 1 && o.startsWith("0"))) return null;
    return ipaddr.IPv4.parse(s).toString();
  }
  if (!s.includes(":") || !ipaddr.IPv6.isValid(s)) return null;
  const addr = ipaddr.IPv6.parse(s);
  if (addr.isIPv4MappedAddress()) return addr.toIPv4Address().toString();
  return addr.toRFC5952String();
}

/** "System" or "C:\\Windows\\System32\\svchost.exe" → the last path component. */
export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf("\\"), path.lastIndexOf("/"));
  return i >= 0 ? path.slice(i + 1) : path;
}
