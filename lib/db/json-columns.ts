import type { Prisma } from "./generated/client";

/**
 * The `jsonb` columns' decoders: a stored JSON value → the shape its column holds, in one place
 * instead of a cast at every reader. Pure (no database), so serializers shared with the browser
 * can use them. What the column never holds (null, a scalar) decodes to the empty shape.
 */

/** An object column (activity details, change snapshots): a plain object, `{}` for anything else. */
export function jsonObject(value: Prisma.JsonValue | undefined): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** An array column (alert events and stages, allowlist conditions): its elements as `T`, `[]` for anything else. */
export function jsonArray<T>(value: Prisma.JsonValue | undefined): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
