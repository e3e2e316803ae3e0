import type { ApiKey } from "../db/generated/client";

/** An API key as the API and the pages show it: the prefix only, never the key or its hash. */
export interface ApiKeyJson {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  /** `lat_<prefix>_…`: enough to recognise a key, useless to use one. */
  display: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function serializeApiKey(k: Omit<ApiKey, "keyHash">): ApiKeyJson {
  return {
    id: k.id,
    name: k.name,
    scope: k.scope,
    prefix: k.prefix,
    display: `lat_${k.prefix}_…`,
    createdAt: k.createdAt.toISOString(),
    createdBy: k.createdBy,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
