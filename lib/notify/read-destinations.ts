import { findDestinationRow, lastDeliveries, listDeadLetterRows, listDestinationRows, outboxCounts } from "../db/queries/notifications";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { beginAdmin, isUuid } from "./context";
import { serializeDestination, type DestinationJson } from "./serialize-destination";

/** The admin page's reads: destinations with their delivery counts, one destination, the dead letters. */
export async function listDestinations(ctx: ServiceContext): Promise<DestinationJson[]> {
  beginAdmin(ctx);
  const [rows, counts, last] = await Promise.all([listDestinationRows(), outboxCounts(), lastDeliveries()]);
  return rows.map((r) => serializeDestination(r, counts.get(r.id), last.get(r.id) ?? null));
}

export async function getDestination(id: string, ctx: ServiceContext): Promise<DestinationJson> {
  beginAdmin(ctx);
  const row = isUuid(id) ? await findDestinationRow(id) : null;
  if (!row) throw notFound("Notification destination");
  const [counts, last] = await Promise.all([outboxCounts(), lastDeliveries()]);
  return serializeDestination(row, counts.get(id), last.get(id) ?? null);
}

export interface DeadLetterJson {
  id: string;
  messageId: string | null;
  destination: { id: string; name: string; kind: string };
  kind: string;
  subjectId: string;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

export async function listDeadLetters(ctx: ServiceContext, limit = 200): Promise<DeadLetterJson[]> {
  beginAdmin(ctx);
  const rows = await listDeadLetterRows(limit);
  return rows.map((r) => ({
    id: r.id,
    messageId: r.messageId,
    destination: { id: r.destinationId, name: r.destination.name, kind: r.destination.kind },
    kind: r.kind,
    subjectId: r.subjectId,
    attempts: r.attempts,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
