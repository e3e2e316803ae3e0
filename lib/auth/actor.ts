import { AppError } from "../http/errors";
import { parseApiKeyHeader, verifyApiKey } from "./api-keys";
import { can, roleOfScope, type ApiKeyScope, type Permission, type Role } from "./roles";
import { SESSION_COOKIE, validateSession } from "./sessions";

/** Who is acting: a signed-in user, an API key, or the system (worker, CLI). */
export type Actor =
  | { kind: "user"; id: string; label: string; role: Role; sessionId: string }
  | { kind: "apikey"; id: string; label: string; role: Role | "ingest"; scope: ApiKeyScope }
  | { kind: "system"; id: string; label: string; role: "admin" };

export const systemActor = (label = "system"): Actor => ({ kind: "system", id: label, label, role: "admin" });

export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // malformed percent-encoding: no usable cookie, i.e. signed out
      }
    }
  }
  return undefined;
}

/**
 * The actor of a request. An Authorization header that carries an unknown key is an error (401),
 * not an anonymous request; a bad or expired cookie just means "signed out" (null).
 */
export async function actorFromRequest(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const key = keyFromAuthorization(authorization);
    const found = key ? await verifyApiKey(key) : null;
    if (!found) throw new AppError("unauthenticated", "Unknown or revoked API key");
    return { kind: "apikey", id: found.id, label: `apikey:${found.name}`, scope: found.scope, role: roleOfScope(found.scope) };
  }
  const user = await validateSession(cookieValue(req.headers.get("cookie"), SESSION_COOKIE));
  return user ? { kind: "user", id: user.userId, label: user.email, role: user.role, sessionId: user.sessionId } : null;
}

function keyFromAuthorization(header: string): string | null {
  const basic = /^Basic\s+(\S+)$/i.exec(header.trim());
  if (basic) {
    // Elasticsearch-style basic auth: any user name, the API key as password.
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return parseApiKeyHeader(header);
}

export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in or send an API key (Authorization: ApiKey <key>)");
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", `The ${actor.kind === "apikey" ? `${actor.scope} API key` : `${actor.role} role`} may not do this`);
  }
  return actor;
}
