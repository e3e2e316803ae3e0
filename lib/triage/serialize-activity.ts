import type { AlertActivity } from "../db/generated/client";
import { jsonObject } from "../db/json-columns";

export interface ActivityJson {
  id: number;
  at: string;
  actor: string | null;
  kind: string;
  details: Record<string, unknown>;
}

export function serializeActivity(a: AlertActivity): ActivityJson {
  return { id: Number(a.id), at: a.at.toISOString(), actor: a.actor, kind: a.kind, details: jsonObject(a.details) };
}
