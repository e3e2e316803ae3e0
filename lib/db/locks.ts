import crypto from "node:crypto";

/**
 * PostgreSQL advisory lock ids, in one place so that every user of a lock names the same number.
 */

/** Ingest transactions hold this lock in shared mode; the detection worker takes it exclusively
 * for an instant to learn which ingest sequence numbers are all committed. */
export const INGEST_LOCK = 7_415_001;

/** The session lock that leases one rule (and host shard) to one worker: a signed 64-bit key. */
export function detectionLeaseKey(ruleId: string, shard: string): string {
  return crypto.createHash("sha256").update(`detect:${ruleId}:${shard}`).digest().readBigInt64BE(0).toString();
}

/** Prisma's own migrate lock key: `lib/db/migrate.ts` takes it so Prisma's CLI and the app never migrate at once. */
export const MIGRATE_LOCK = 72707369;

/** Serializes changes that could remove the last active admin (`hashtext` of this name, per transaction). */
export const ADMIN_CHANGES_LOCK_NAME = "lateral.users.admins";
