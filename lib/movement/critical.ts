/**
 * Critical hosts (pure): a rule names one host by id, or every host whose name matches a pattern
 * where `*` is any run of characters and `?` one character, compared case-insensitively over the
 * whole name (`DC-*` covers DC-01 and dc-02, not ADC-01).
 */
export interface CriticalRule {
  hostId: string | null;
  pattern: string | null;
}

export const PATTERN_RE = /^[A-Za-z0-9_.\-*?$ ]{1,128}$/;

export function patternRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\-]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
  return new RegExp(`^${body}$`, "i");
}

/** A pattern in SQL `ILIKE` form (`*` → `%`, `?` → `_`, the others escaped). */
export function patternLike(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%").replace(/\?/g, "_");
}

export function criticalMatcher(rules: CriticalRule[]): (hostId: string, hostName: string | null) => boolean {
  const ids = new Set(rules.filter((r) => r.hostId).map((r) => r.hostId!));
  const res = rules.filter((r) => r.pattern).map((r) => patternRegExp(r.pattern!));
  return (hostId, hostName) => ids.has(hostId) || (hostName !== null && res.some((re) => re.test(hostName)));
}
