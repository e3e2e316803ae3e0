import { afterAll, expect, test } from "vitest";
import pg from "pg";
import { createTestDatabase } from "@/tests/helpers/database";

const db = await createTestDatabase("smoke");
afterAll(() => db.drop());

test("the test database is a real PostgreSQL that stores and returns rows", async () => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query("create table t (id int primary key, doc jsonb)");
  await c.query("insert into t values (1, $1)", [{ a: [1, 2] }]);
  const { rows } = await c.query("select doc->'a'->>1 as v, version() as version from t");
  await c.end();
  expect(rows[0].v).toBe("2");
  expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
});
