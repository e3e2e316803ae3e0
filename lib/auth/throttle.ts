import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../http/errors";

/**
 * Sign-in throttling: LOGIN_MAX_FAILURES failed sign-ins for one account or one address within
 * LOGIN_WINDOW_MINUTES → 429 until the oldest of them leaves the window.
 */
export async function assertNotThrottled(keys: string[]) {
  const e = env();
  const since = new Date(Date.now() - e.LOGIN_WINDOW_MINUTES * 60_000);
  for (const key of keys) {
    const recent = await db().loginFailure.findMany({
      where: { key, at: { gt: since } },
      orderBy: { at: "desc" },
      take: e.LOGIN_MAX_FAILURES,
      select: { at: true },
    });
    if (recent.length >= e.LOGIN_MAX_FAILURES) {
      const oldest = recent[recent.length - 1].at.getTime();
      const retryAfter = Math.max(1, Math.ceil((oldest + e.LOGIN_WINDOW_MINUTES * 60_000 - Date.now()) / 1000));
      throw new AppError("too_many_requests", "Too many failed sign-ins. Try again later.", undefined, retryAfter);
    }
  }
}

export async function recordFailures(keys: string[]) {
  await db().loginFailure.createMany({ data: keys.map((key) => ({ key })) });
}

export async function clearFailures(key: string) {
  await db().loginFailure.deleteMany({ where: { key } });
}
