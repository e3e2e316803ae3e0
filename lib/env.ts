import { z } from "zod";
import { checkTrustProxy } from "./http/trust-proxy";

/**
 * Every setting of the app, the worker and the CLI, read once from the environment and checked.
 * The README's configuration table lists the same variables.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(60),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(10),
  INGEST_MAX_BODY_MB: z.coerce.number().positive().default(10),
  ES_MAX_CONTENT_LENGTH_MB: z.coerce.number().positive().default(100),
  INGEST_INFLIGHT_MB: z.coerce.number().positive().default(256),
  INGEST_WRITERS: z.coerce.number().int().positive().default(2),
  RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  RULES_DIR: z.string().optional(),
  DETECTION_MODE: z.enum(["schedule", "realtime"]).default("realtime"),
  DETECTION_BATCH_SIZE: z.coerce.number().int().positive().default(250_000),
  WORKER_SHARD: z
    .string()
    .regex(/^\d+\/\d+$/, "WORKER_SHARD must look like 0/2 (this worker's index / number of workers)")
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  // movement and incidents
  CHAIN_WINDOW_HOURS: z.coerce.number().positive().max(24 * 31).default(24),
  OWNERSHIP_WINDOW_HOURS: z.coerce.number().positive().max(24 * 7).default(6),
  MOVEMENT_QUERY_PARTS: z.coerce.number().int().min(1).max(16).default(2),
  PUBLIC_URL: z.string().url().optional(),
  NOTIFY_SECRET_KEY: z
    .string()
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, "NOTIFY_SECRET_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)")
    .optional(),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().positive().default(5),
  NOTIFY_RETRY_MAX_SECONDS: z.coerce.number().positive().default(900),
  NOTIFY_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().positive().default(200),
  NOTIFY_CONCURRENCY: z.coerce.number().int().positive().default(16),
  HUNT_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  HUNT_DEFAULT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(1000),
  HUNT_MAX_RUNNING_PER_USER: z.coerce.number().int().positive().default(2),
  TRUST_PROXY: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      const ok = checkTrustProxy(v);
      if (ok !== true) ctx.addIssue({ code: "custom", message: ok });
    }),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
