import { z } from "zod";
import type { Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { ROLES } from "../auth/roles";
import { randomToken } from "../auth/tokens";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../http/errors";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  role: z.enum(ROLES),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(8, "password must have at least 8 characters").max(200).optional(),
});

/** Creates a user; without a password, one is generated and returned (shown once). */
export async function createUser(input: z.input<typeof createUserInput>, actor: Actor) {
  const data = createUserInput.parse(input);
  const password = data.password ?? randomToken(12);
  const exists = await db().user.findUnique({ where: { email: data.email } });
  if (exists) throw new AppError("conflict", `A user with email ${data.email} already exists`);
  const user = await db().$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email: data.email, role: data.role, name: data.name ?? null, passwordHash: await hashPassword(password) },
      omit: { passwordHash: true },
    });
    await recordAudit({ actor, action: "user.create", targetType: "user", targetId: created.id, details: { email: data.email, role: data.role } }, tx);
    return created;
  });
  return { user, password, generated: !data.password };
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
