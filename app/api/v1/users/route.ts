import { handler } from "@/lib/http/handler";
import { clientIp, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { serializeUser } from "@/lib/users/serialize-user";

export const GET = handler("users:write", async ({ actor }) => json({ users: await listUsers({}, { actor }) }));

/** The password is in the answer only when it was generated: shown once, never stored in clear. */
export const POST = handler("users:write", async ({ req, actor }) => {
  const { user, password, generated } = await createUser(await readJson(req), { actor, ip: clientIp(req) });
  return json({ user: serializeUser(user), ...(generated ? { password } : {}) }, { status: 201 });
});
