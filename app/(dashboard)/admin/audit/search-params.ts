/**
 * The audit page keeps its filters and page cursor in the URL (same names as GET /api/v1/audit),
 * so a link reproduces the view.
 */
export const AUDIT_PARAMS = ["action", "actor", "targetType", "targetId", "ok", "from", "to", "cursor"] as const;
export type AuditParam = (typeof AUDIT_PARAMS)[number];
export type AuditUrlState = Partial<Record<AuditParam, string>>;

export function readAuditUrl(sp: Record<string, string | string[] | undefined>): AuditUrlState {
  const out: AuditUrlState = {};
  for (const k of AUDIT_PARAMS) {
    const v = sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s) out[k] = s;
  }
  return out;
}

export function auditHref(state: AuditUrlState): string {
  const q = new URLSearchParams();
  for (const k of AUDIT_PARAMS) if (state[k]) q.set(k, state[k]!);
  const s = q.toString();
  return s ? `/admin/audit?${s}` : "/admin/audit";
}
