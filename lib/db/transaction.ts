import type pg from "pg";

/**
 * Runs `fn` in one transaction on the worker's own pg connection: committed when it returns, rolled
 * back when it throws. (Prisma transactions: `inTransaction` of `client.ts`.)
 */
export async function inPgTransaction<T>(c: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await c.query("BEGIN");
  try {
    const result = await fn();
    await c.query("COMMIT");
    return result;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
