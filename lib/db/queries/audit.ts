import type { AuditQuery } from "../../validation/admin";
import { db, type Tx } from "../client";
import { DbError } from "../errors";
import type { AuditEntry, Prisma } from "../generated/client";

/**
 * The audit trail. It is append-only: `insertAuditEntry` is the one write (called through
 * lib/audit/record-audit.ts), and nothing in the application updates or deletes a row.
 */
export type AuditFilter = Omit<AuditQuery, "limit" | "cursor">;

export interface AuditEntryJson {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  ok: boolean;
}

interface Cursor {
  at: string;
  id: string;
}

export function encodeAuditCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeAuditCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof c.at === "string" && !Number.isNaN(Date.parse(c.at)) && typeof c.id === "string" && /^\d{1,19}$/.test(c.id)) return c;
  } catch {
    /* fall through */
  }
  throw new DbError("malformed_cursor", "cursor is malformed: pass the nextCursor of a previous page");
}

function whereOf(f: AuditFilter): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (f.action) and.push({ action: { startsWith: f.action } });
  if (f.actor) and.push({ OR: [{ actorLabel: { contains: f.actor, mode: "insensitive" } }, { actorId: f.actor }] });
  if (f.targetType) and.push({ targetType: f.targetType });
  if (f.targetId) and.push({ targetId: f.targetId });
  if (f.ok !== undefined) and.push({ ok: f.ok });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  return { AND: and };
}

export function serializeAuditEntry(e: AuditEntry): AuditEntryJson {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    details: e.details,
    ip: e.ip,
    ok: e.ok,
  };
}

/** One page of entries, newest first (keyset on at, id), and the cursor of the next, older page. */
export async function listAuditEntries(
  args: AuditFilter & { limit: number; cursor?: string },
  tx?: Tx,
): Promise<{ entries: AuditEntryJson[]; nextCursor: string | null }> {
  const where = whereOf(args);
  if (args.cursor) {
    const c = decodeAuditCursor(args.cursor);
    const at = new Date(c.at);
    const id = BigInt(c.id);
    (where.AND as Prisma.AuditEntryWhereInput[]).push({ OR: [{ at: { lt: at } }, { at, id: { lt: id } }] });
  }
  const rows = await (tx ?? db()).auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map(serializeAuditEntry),
    nextCursor: rows.length > args.limit && last ? encodeAuditCursor({ at: last.at.toISOString(), id: last.id.toString() }) : null,
  };
}

/** The distinct actions recorded so far, for the filter's suggestions. */
export async function listAuditActions(tx?: Tx): Promise<string[]> {
  const rows = await (tx ?? db()).auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 200 });
  return rows.map((r) => r.action);
}

/** A row to write: an entry as read, without the id and time the database gives it. */
export type NewAuditEntry = Omit<AuditEntryJson, "id" | "at" | "details"> & { details: Prisma.InputJsonValue };

export async function insertAuditEntry(row: NewAuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditEntry.create({ data: row });
}
