import { z } from "zod";

/** A user's own preferences (PATCH /api/v1/me). */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const preferencesSchema = z.object({ theme: z.enum(THEMES) }).strict();
export type PreferencesInput = z.input<typeof preferencesSchema>;
