/**
 * The advisory lock ids of the product, in one place (PostgreSQL advisory locks share one key
 * space per database, so two features must never pick the same number).
 */

/**
 * Ingest transactions hold this lock in shared mode; the detection worker takes it exclusively
 * for an instant to learn which ingest sequence numbers are all committed.
 */
export const INGEST_LOCK = 7_415_001;

/** Prisma's own migrate lock key: `lib/db/migrate.ts` takes it so Prisma's CLI and the app never migrate at once. */
export const MIGRATE_LOCK = 72707369;

/** Serializes changes that could remove the last active admin (`hashtext` of this name, per transaction). */
export const ADMIN_CHANGES_LOCK_NAME = "lateral.users.admins";
