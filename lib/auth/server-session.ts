import { cookies } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, validateSession, type SessionUser } from "./sessions";

/**
 * For server components and pages: the signed-in user (looked up once per request, however many
 * layouts and pages ask), or, with requireUser, a redirect to the sign-in page.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => validateSession((await cookies()).get(SESSION_COOKIE)?.value));

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
