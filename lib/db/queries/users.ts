import { db, type Tx } from "../client";
import { DbError } from "../errors";
import { ADMIN_CHANGES_LOCK_NAME } from "../locks";
import type { Prisma } from "../generated/client";

/**
 * Queries on `users` (and the sessions and API keys the admin section manages), one per function;
 * each accepts the caller's transaction. The password hash never leaves this module.
 */
type Client = Tx | ReturnType<typeof db>;
const client = (tx?: Tx): Client => tx ?? db();

export const USER_OMIT = { passwordHash: true } as const;

export function listUsers(tx?: Tx) {
  return client(tx).user.findMany({ orderBy: [{ createdAt: "asc" }, { email: "asc" }], omit: USER_OMIT });
}

export async function userEmailTaken(email: string, tx?: Tx): Promise<boolean> {
  return (await client(tx).user.findUnique({ where: { email }, select: { id: true } })) !== null;
}

export function countUsers(tx?: Tx): Promise<number> {
  return client(tx).user.count();
}

/** A new user; a taken email (a concurrent create) is DbError `duplicate`. */
export async function insertUser(data: { email: string; role: string; name: string | null; passwordHash: string }, tx?: Tx) {
  try {
    return await client(tx).user.create({ data, omit: USER_OMIT });
  } catch (err) {
    if ((err as { code?: string } | null)?.code === "P2002") throw new DbError("duplicate", `A user with email ${data.email} already exists`);
    throw err;
  }
}

export function getUser(id: string, tx?: Tx) {
  return client(tx).user.findUnique({ where: { id }, omit: USER_OMIT });
}

export function getUserByEmail(email: string, tx?: Tx) {
  return client(tx).user.findUnique({ where: { email }, omit: USER_OMIT });
}

export function updateUserRow(id: string, data: Prisma.UserUpdateInput, tx?: Tx) {
  return client(tx).user.update({ where: { id }, data, omit: USER_OMIT });
}

/** Active (not disabled) admins other than `exceptId`. */
export function countOtherActiveAdmins(exceptId: string, tx?: Tx) {
  return client(tx).user.count({ where: { role: "admin", disabled: false, id: { not: exceptId } } });
}

/**
 * Serializes changes that could remove the last active admin: two admins demoting each other at
 * the same time must not both succeed. Held until the transaction ends.
 */
export async function lockAdminChanges(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ADMIN_CHANGES_LOCK_NAME}))`;
}

export async function deleteSessionsOfUser(userId: string, tx?: Tx): Promise<number> {
  return (await client(tx).session.deleteMany({ where: { userId } })).count;
}

export function listApiKeyRows(tx?: Tx) {
  return client(tx).apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], omit: { keyHash: true } });
}

export function insertApiKeyRow(data: { name: string; scope: string; prefix: string; keyHash: string; createdBy: string | null }, tx?: Tx) {
  return client(tx).apiKey.create({ data, omit: { keyHash: true } });
}

/** Marks an active key revoked; null when there is no such key or it was already revoked. */
export async function revokeApiKeyRow(id: string, at: Date, tx?: Tx) {
  const res = await client(tx).apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return res.count ? client(tx).apiKey.findUnique({ where: { id }, omit: { keyHash: true } }) : null;
}
