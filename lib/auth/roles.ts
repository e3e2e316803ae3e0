/**
 * Roles and what each may do. API keys act with the role of their scope, except `ingest`, which may
 * only send events.
 */
export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const API_KEY_SCOPES = ["ingest", "read", "analyst", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type Permission =
  | "read" // alerts, events, rules, allowlists, overview
  | "triage" // alert status, assignment, notes, checklist
  | "allowlist:write"
  | "rules:write" // enable/disable, run now
  | "users:write"
  | "apikeys:write"
  | "audit:read"
  | "notifications:manage" // notification destinations, tests, dead letters
  | "hunts:manage" // every user's saved hunts and running hunts, not only one's own
  | "health:details" // the health answer's details for a signed-in user (read API keys get them too)
  | "ingest";

const GRANTS: Record<Role | "ingest", Permission[]> = {
  ingest: ["ingest"],
  viewer: ["read"],
  analyst: ["read", "triage", "allowlist:write"],
  admin: ["read", "triage", "allowlist:write", "rules:write", "users:write", "apikeys:write", "audit:read", "notifications:manage", "hunts:manage", "health:details", "ingest"],
};

export function roleOfScope(scope: ApiKeyScope): Role | "ingest" {
  return scope === "read" ? "viewer" : scope;
}

export function can(role: Role | "ingest", permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
