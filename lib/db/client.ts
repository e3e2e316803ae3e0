import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";

/**
 * The one database module: a pg pool shared by Prisma (through its driver adapter) and the raw-SQL
 * queries that Prisma cannot express (COPY, partitions, candidate scans).
 *
 * The database is DATABASE_URL's, unless the caller runs inside `withDatabase(url, fn)`: then it
 * is that one for everything `fn` does, awaited work included. The app never calls it; a host
 * process that serves several databases from one build does (the test suite's shared server).
 */
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Handles {
  pool: pg.Pool;
  prisma: PrismaClient;
}

// On globalThis: the app's bundled copy of this module and a host process's own copy share them.
const globalForDb = globalThis as unknown as { lateralDb?: Map<string, Handles>; lateralDbScope?: AsyncLocalStorage<string> };
const scope = (globalForDb.lateralDbScope ??= new AsyncLocalStorage<string>());
const open = (globalForDb.lateralDb ??= new Map<string, Handles>());

/** Runs `fn` (and everything it awaits) against the database at `url` instead of DATABASE_URL's. */
export function withDatabase<T>(url: string, fn: () => T): T {
  return scope.run(url, fn);
}

/** The URL of the database this call talks to. */
export function databaseUrl(): string {
  const url = scope.getStore() ?? process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
  return url;
}

function handles(): Handles {
  const url = databaseUrl();
  const current = open.get(url);
  if (current) return current;
  const pool = new pg.Pool({ connectionString: url, max: env().DB_POOL_SIZE });
  pool.on("error", () => {
    /* an idle client lost its connection (server restart); the pool replaces it */
  });
  // A client checked out of the pool (a transaction, a held lock) whose server goes away emits
  // "error" too; without a listener that would end the process. Its pending query fails anyway.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  open.set(url, { pool, prisma });
  return open.get(url)!;
}

export function db(): PrismaClient {
  return handles().prisma;
}

/**
 * Runs `fn` in the caller's transaction when there is one, else in a new one (committed when `fn`
 * resolves, rolled back when it throws): how a service joins a larger change or makes its own.
 */
export function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>, opts?: { timeout?: number; maxWait?: number }): Promise<T> {
  return tx ? fn(tx) : db().$transaction(fn, opts);
}

export function pool(): pg.Pool {
  return handles().pool;
}

/** Closes the connections to `url`'s database, or to every database this process opened. */
export async function closeDb(url?: string) {
  const urls = url === undefined ? [...open.keys()] : [url];
  for (const u of urls) {
    const h = open.get(u);
    open.delete(u);
    if (h) {
      await h.prisma.$disconnect().catch(() => undefined);
      await h.pool.end().catch(() => undefined);
    }
  }
}
