import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "../env";
import { PrismaClient } from "./generated/client";

/**
 * The one database module: a pg pool shared by Prisma (through its driver adapter) and the raw-SQL
 * queries that Prisma cannot express (COPY, partitions, candidate scans).
 */
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Handles {
  url: string;
  pool: pg.Pool;
  prisma: PrismaClient;
}

const globalForDb = globalThis as unknown as { lateralDb?: Handles };

function handles(): Handles {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
  const current = globalForDb.lateralDb;
  if (current && current.url === url) return current;
  const pool = new pg.Pool({ connectionString: url, max: env().DB_POOL_SIZE });
  pool.on("error", () => {
    /* an idle client lost its connection (server restart); the pool replaces it */
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  globalForDb.lateralDb = { url, pool, prisma };
  return globalForDb.lateralDb;
}

export function db(): PrismaClient {
  return handles().prisma;
}

/** The database URL this process uses (DATABASE_URL). */
export function databaseUrl(): string {
  return handles().url;
}

export function pool(): pg.Pool {
  return handles().pool;
}

export async function closeDb() {
  const h = globalForDb.lateralDb;
  globalForDb.lateralDb = undefined;
  if (h) {
    await h.prisma.$disconnect().catch(() => undefined);
    await h.pool.end().catch(() => undefined);
  }
}
