/** Parsing of single values: timestamps, integers, IP addresses. */
import ipaddr from "ipaddr.js";

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_RE = /^-?\d+(?:\.\d+)?$/;
/** The stored form: ISO 8601 UTC with milliseconds. */
const CANONICAL_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const MIN_MS = Date.UTC(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * ISO 8601 (a zone-less value is UTC; "T" or a space between date and time; fractions beyond
 * milliseconds are truncated) or epoch milliseconds (a number or a numeric string).
 * Returns null when the value is neither, or falls outside years 0001-9999.
 */
export function parseTimestamp(v: unknown): Date | null {
  let ms: number;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    ms = v;
  } else if (typeof v === "string") {
    if (isCanonicalTimestamp(v)) return new Date(v);
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

/**
 * The timestamp as stored: ISO 8601 UTC with milliseconds (parseTimestamp's rules), or null.
 * The canonical form itself (what shippers send, and what is stored) is checked field by field
 * and returned as it is, with no Date in between: ingest does this for every event.
 */
export function isoTimestamp(v: unknown): string | null {
  if (typeof v === "string" && isCanonicalTimestamp(v)) return v;
  return parseTimestamp(v)?.toISOString() ?? null;
}

/** "YYYY-MM-DDTHH:MM:SS.sssZ" naming a real instant of years 0001-9999 (2026-02-30 is not one). */
function isCanonicalTimestamp(v: string): boolean {
  if (v.length !== 24 || !CANONICAL_RE.test(v)) return false;
  const year = Number(v.slice(0, 4)), month = Number(v.slice(5, 7)), day = Number(v.slice(8, 10));
  const hour = Number(v.slice(11, 13)), minute = Number(v.slice(14, 16)), second = Number(v.slice(17, 19));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
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
