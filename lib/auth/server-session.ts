import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, validateSession, type SessionUser } from "./sessions";

/** For server components and pages: the signed-in user, or a redirect to the sign-in page. */
export async function currentUser(): Promise<SessionUser | null> {
  return validateSession((await cookies()).get(SESSION_COOKIE)?.value);
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
