import { requirePermission, type Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { randomToken } from "../auth/tokens";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { USER_OMIT } from "../db/queries/users";
import { AppError } from "../http/errors";
import { createUserInput, type CreateUserInput } from "../validation/admin";

export { createUserInput };

/** A password for an account or a reset: 16 random URL-safe characters (96 bits), shown once. */
export const generatePassword = () => randomToken(12);

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/** Creates a user; without a password, one is generated and returned (shown once). */
export async function createUser(input: CreateUserInput, actor: Actor | null, meta: { ip?: string | null } = {}) {
  const by = requirePermission(actor, "users:write");
  const data = createUserInput.parse(input);
  const password = data.password ?? generatePassword();
  const conflict = () => new AppError("conflict", `A user with email ${data.email} already exists`);
  if (await db().user.findUnique({ where: { email: data.email }, select: { id: true } })) throw conflict();
  const passwordHash = await hashPassword(password);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: data.email, role: data.role, name: data.name || null, passwordHash },
        omit: USER_OMIT,
      });
      await recordAudit(
        {
          actor: by,
          action: "user.create",
          targetType: "user",
          targetId: created.id,
          details: { email: data.email, role: data.role, passwordGenerated: !data.password },
          ip: meta.ip,
        },
        tx,
      );
      return created;
    });
    return { user, password, generated: !data.password };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

/**
 * At the first start with no users: an admin from ADMIN_EMAIL/ADMIN_PASSWORD when set, otherwise
 * admin@localhost with a generated password, returned so the caller prints it once.
 */
export async function ensureInitialAdmin(opts: { email?: string; password?: string }) {
  if ((await db().user.count()) > 0) return null;
  const created = await createUser(
    { email: opts.email ?? "admin@localhost.localdomain", role: "admin", name: "Administrator", password: opts.password },
    { kind: "system", id: "bootstrap", label: "bootstrap", role: "admin" },
  );
  return { email: created.user.email, password: created.generated ? created.password : null };
}
