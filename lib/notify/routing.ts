import { SEVERITIES } from "./types";

/**
 * Which destinations a new alert or incident goes to (pure): the destination's rules (none = every
 * rule) and minimum severity. An incident matches a rule filter when one of its rules is listed;
 * an incident that names no rules reaches only destinations without a rule filter.
 */
export function severityRank(severity: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(severity.toLowerCase());
  return i === -1 ? 0 : i;
}

export interface RouteFilter {
  rule_ids: string[];
  min_severity: string;
}

export function routeMatches(filter: RouteFilter, subject: { ruleIds: string[]; severity: string }): boolean {
  if (severityRank(subject.severity) < severityRank(filter.min_severity)) return false;
  if (filter.rule_ids.length === 0) return true;
  return subject.ruleIds.some((r) => filter.rule_ids.includes(r));
}
