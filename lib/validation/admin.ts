import { z } from "zod";
import { API_KEY_SCOPES, ROLES } from "../auth/roles";
import { optionalDate, optionalText, pageLimit, uuidParam } from "./common";

export { uuidParam };

/** Request shapes of the admin section, shared by the API routes, the services and the forms. */

export const PASSWORD_MIN = 8;

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  role: z.enum(ROLES),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(PASSWORD_MIN, `password must have at least ${PASSWORD_MIN} characters`).max(200).optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    name: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.name !== undefined, {
    message: "send at least one of role, disabled, name",
  });
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  scope: z.enum(API_KEY_SCOPES),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** GET /api/v1/audit: every filter optional; `ok` is "true" or "false". */
export const auditQueryInput = z.object({
  action: optionalText(100),
  actor: optionalText(320),
  targetType: optionalText(50),
  targetId: optionalText(200),
  ok: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => (v === "true" ? true : v === "false" ? false : undefined)),
  from: optionalDate,
  to: optionalDate,
  limit: pageLimit(),
  cursor: optionalText(200),
});
export type AuditQuery = z.output<typeof auditQueryInput>;
