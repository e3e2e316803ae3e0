import { requirePermission } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { randomToken } from "../auth/tokens";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { DbError } from "../db/errors";
import { countUsers, insertUser, userEmailTaken } from "../db/queries/users";
import { AppError } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { createUserInput } from "../validation/admin";

export { createUserInput };

/** A password for an account or a reset: 16 random URL-safe characters (96 bits), shown once. */
export const generatePassword = () => randomToken(12);

/** POST /api/v1/users: creates a user; without a password, one is generated and returned (shown once). */
export async function createUser(input: unknown, ctx: ServiceContext) {
  const by = requirePermission(ctx.actor, "users:write");
  const data = createUserInput.parse(input);
  const password = data.password ?? generatePassword();
  const conflict = () => new AppError("conflict", `A user with email ${data.email} already exists`);
  if (await userEmailTaken(data.email, ctx.tx)) throw conflict();
  const passwordHash = await hashPassword(password);
  try {
    const user = await inTransaction(ctx.tx, async (tx) => {
      const created = await insertUser({ email: data.email, role: data.role, name: data.name || null, passwordHash }, tx);
      await recordAudit(
        {
          actor: by,
          action: "user.create",
          targetType: "user",
          targetId: created.id,
          details: { email: data.email, role: data.role, passwordGenerated: !data.password },
          ip: ctx.ip,
        },
        tx,
      );
      return created;
    });
    return { user, password, generated: !data.password };
  } catch (err) {
    if (err instanceof DbError && err.code === "duplicate") throw conflict();
    throw err;
  }
}

/**
 * At the first start with no users: an admin from ADMIN_EMAIL/ADMIN_PASSWORD when set, otherwise
 * admin@localhost with a generated password, returned so the caller prints it once.
 */
export async function ensureInitialAdmin(opts: { email?: string; password?: string }) {
  if ((await countUsers()) > 0) return null;
  const created = await createUser(
    { email: opts.email ?? "admin@localhost.localdomain", role: "admin", name: "Administrator", password: opts.password },
    { actor: { kind: "system", id: "bootstrap", label: "bootstrap", role: "admin" } },
  );
  return { email: created.user.email, password: created.generated ? created.password : null };
}
