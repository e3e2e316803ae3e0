import { afterAll, beforeAll, expect, test } from "vitest";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { runCli } from "@/tests/helpers/run-cli";

/** `npm run cli -- user|apikey ...` as a user runs them, against a real database. */
let dbh: TestDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  dbh = await openMigratedDatabase("cli");
  env = { DATABASE_URL: dbh.url };
});
afterAll(async () => {
  await closeMigratedDatabase(dbh);
});

test("user create stores an argon2id hash; without --password it prints a generated one that works", async () => {
  const withPw = await runCli(["user", "create", "--email", "Ana@Example.test", "--role", "analyst", "--password", "long enough pw"], env);
  expect(withPw.code, withPw.stderr).toBe(0);
  const ana = await db().user.findUniqueOrThrow({ where: { email: "ana@example.test" } });
  expect(ana.role).toBe("analyst");
  expect(ana.passwordHash).toMatch(/^\$argon2id\$/);
  expect(await verifyPassword(ana.passwordHash, "long enough pw")).toBe(true);

  const generated = await runCli(["user", "create", "--email", "vic@example.test", "--role", "viewer"], env);
  const password = /Password: (\S+)/.exec(generated.stdout)![1];
  const vic = await db().user.findUniqueOrThrow({ where: { email: "vic@example.test" } });
  expect(await verifyPassword(vic.passwordHash, password)).toBe(true);

  const bad = await runCli(["user", "create", "--email", "x@example.test", "--role", "root"], env);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--role must be one of viewer, analyst, admin/);
  const dup = await runCli(["user", "create", "--email", "ana@example.test", "--role", "viewer"], env);
  expect(dup.code).toBe(1);
  expect(dup.stderr).toMatch(/already exists/);
});

test("apikey create prints the key as the last stdout line, stores only its hash; list and revoke", async () => {
  const created = await runCli(["apikey", "create", "--name", "winlogbeat", "--scope", "ingest"], env);
  expect(created.code, created.stderr).toBe(0);
  const key = created.stdout.trim().split("\n").pop()!;
  expect(key).toMatch(/^lat_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
  const row = await db().apiKey.findFirstOrThrow({ where: { name: "winlogbeat" } });
  expect(row.keyHash).not.toContain(key);
  expect(await verifyApiKey(key)).toMatchObject({ name: "winlogbeat", scope: "ingest" });

  const list = await runCli(["apikey", "list"], env);
  expect(list.stdout).toContain(row.id);
  expect(list.stdout).not.toContain(key);

  const revoked = await runCli(["apikey", "revoke", row.id], env);
  expect(revoked.code, revoked.stderr).toBe(0);
  expect(await verifyApiKey(key)).toBeNull();
  const audit = await db().auditEntry.findMany({ where: { action: { startsWith: "apikey." } } });
  expect(audit.map((a) => a.action).sort()).toEqual(["apikey.create", "apikey.revoke"]);
  expect(JSON.stringify(audit.map((a) => a.details))).not.toContain(key);
});

test("an unknown command prints the usage and exits 2", async () => {
  const res = await runCli(["frobnicate"], env);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/Usage: npm run cli -- <command>/);
});
