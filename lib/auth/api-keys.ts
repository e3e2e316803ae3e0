import { findApiKeyByHash, touchApiKey } from "../db/queries/auth";
import { randomToken, sha256 } from "./tokens";
import type { ApiKeyScope } from "./roles";

/**
 * API keys look like `lat_<8-char prefix>_<secret>`. Only the sha256 of the whole key is stored;
 * the key itself is shown once, at creation. Creating, listing and revoking keys are admin
 * actions in lib/users/. Elasticsearch clients may also send the base64 of
 * `<id>:<key>`, which `parseApiKeyHeader` accepts.
 */
export interface ApiKeyActor {
  id: string;
  name: string;
  scope: ApiKeyScope;
}

/** A new key (shown once) with the parts stored: its public prefix and the sha256 of the whole key. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomToken(6).replace(/[-_]/g, "x").slice(0, 8);
  const key = `lat_${prefix}_${randomToken(24)}`;
  return { key, prefix, keyHash: sha256(key) };
}

/** The key from `ApiKey <key>`, `Bearer <key>` or `ApiKey base64(id:key)`; null if none is given. */
export function parseApiKeyHeader(header: string | null): string | null {
  if (!header) return null;
  const m = /^(ApiKey|Bearer)\s+(\S+)$/i.exec(header.trim());
  if (!m) return null;
  const value = m[2];
  if (value.startsWith("lat_")) return value;
  try {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon >= 0 && decoded.slice(colon + 1).startsWith("lat_")) return decoded.slice(colon + 1);
  } catch {
    /* not base64 */
  }
  return value;
}

const lastUsedWrites = new Map<string, number>();

export async function verifyApiKey(key: string): Promise<ApiKeyActor | null> {
  if (key.length > 200) return null;
  const row = await findApiKeyByHash(sha256(key));
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if ((lastUsedWrites.get(row.id) ?? 0) < now - 60_000) {
    lastUsedWrites.set(row.id, now);
    await touchApiKey(row.id, new Date(now));
  }
  return { id: row.id, name: row.name, scope: row.scope as ApiKeyScope };
}
