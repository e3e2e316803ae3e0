import { env } from "../env";

/** The session cookie: httpOnly, SameSite=Lax, Secure behind https (or when COOKIE_SECURE=true). */
export function sessionCookie(name: string, value: string, maxAgeSeconds: number, secureRequest: boolean): string {
  const mode = env().COOKIE_SECURE;
  const secure = mode === "true" || (mode === "auto" && secureRequest);
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
