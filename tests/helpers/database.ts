import crypto from "node:crypto";
import pg from "pg";

/**
 * A fresh, empty database for one test file on the run's PostgreSQL server, dropped by `drop()`.
 * Isolation per file: files run in parallel without seeing each other's rows.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set: run through the integration config");
  const name = `lateral_${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fresh, migrated database that lib/ in this test process uses (DATABASE_URL), for one file:
 * call in beforeAll; `closeMigratedDatabase` in afterAll closes the pool and drops it.
 */
export async function openMigratedDatabase(prefix: string): Promise<TestDatabase> {
  const { migrate } = await import("@/lib/db/migrate");
  const { resetEnvCache } = await import("@/lib/env");
  const db = await createTestDatabase(prefix);
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  resetEnvCache();
  return db;
}

export async function closeMigratedDatabase(db: TestDatabase | undefined) {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  await db?.drop();
}
