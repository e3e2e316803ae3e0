import { cookieValue } from "@/lib/auth/actor";
import { deleteSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { sessionCookie } from "@/lib/http/cookies";
import { publicHandler } from "@/lib/http/handler";
import { assertSameOrigin, isSecureRequest } from "@/lib/http/request";
import { json } from "@/lib/http/respond";

export const POST = publicHandler(async ({ req }) => {
  assertSameOrigin(req);
  await deleteSession(cookieValue(req.headers.get("cookie"), SESSION_COOKIE));
  return json({ ok: true }, { headers: { "set-cookie": sessionCookie(SESSION_COOKIE, "", 0, isSecureRequest(req)) } });
});
