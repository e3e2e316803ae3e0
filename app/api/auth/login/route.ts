import { z } from "zod";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { publicHandler } from "@/lib/http/handler";
import { assertNotCrossSiteForm, clientIp, isSecureRequest, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { sessionCookie } from "@/lib/http/cookies";

const body = z.object({ email: z.string().max(320), password: z.string().max(500) });

export const POST = publicHandler(async ({ req }) => {
  assertNotCrossSiteForm(req);
  const { email, password } = body.parse(await readJson(req));
  const session = await signIn(email, password, { ip: clientIp(req), userAgent: req.headers.get("user-agent") });
  return json(
    { user: session.user },
    { headers: { "set-cookie": sessionCookie(SESSION_COOKIE, session.token, session.maxAgeSeconds, isSecureRequest(req)) } },
  );
});
