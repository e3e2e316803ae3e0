import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";

/** PATCH /api/v1/me: a signed-in user's own theme; validated, audited, refused to API keys. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const patch = (headers: Record<string, string>, body: unknown) =>
  fetch(`${app.url}/api/v1/me`, { method: "PATCH", headers: { "content-type": "application/json", origin: app.url, ...headers }, body: JSON.stringify(body) });

test("a user sets their theme; a bad value or an API key is a 422 and changes nothing", async () => {
  const u = await app.user("viewer");
  const cookie = await signInCookie(app, u.email, u.password);
  const ok = await patch({ cookie }, { theme: "dark" });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ theme: "dark" });
  expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).theme).toBe("dark");
  expect(await db().auditEntry.count({ where: { action: "user.preferences", targetId: u.id } })).toBe(1);

  const bad = await patch({ cookie }, { theme: "neon" });
  expect(bad.status).toBe(422);
  expect((await bad.json()).error.code).toBe("validation_failed");
  const key = await app.apiKey("read");
  const byKey = await patch({ authorization: `ApiKey ${key}` }, { theme: "light" });
  expect(byKey.status).toBe(422);
  expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).theme).toBe("dark");
  expect((await patch({}, { theme: "light" })).status).toBe(401);
});
