import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { env } from "../env";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";
import { migrate } from "./migrate";

/**
 * Where a process's database is: DATABASE_URL when set; otherwise the embedded PostgreSQL whose data
 * lives in DATA_DIR/postgres: reused when already running (npm start's), else started for this
 * process and stopped by `stop()`. The app's database on the embedded server is `lateral`.
 */
export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** The embedded server this process started (null: DATABASE_URL, or one started by another process). */
  server: EmbeddedServer | null;
  /** Starts the embedded server again after it died (same data, same port); its new handle. */
  restart(): Promise<EmbeddedServer>;
  stop(): Promise<void>;
}

const APP_DATABASE = "lateral";

export async function openDatabase(opts: { migrate?: boolean; log?: (m: string) => void } = {}): Promise<DatabaseHandle> {
  const e = env();
  let handle: DatabaseHandle;
  if (e.DATABASE_URL) {
    handle = {
      url: e.DATABASE_URL,
      embedded: false,
      server: null,
      restart: () => Promise.reject(new Error("an external PostgreSQL (DATABASE_URL) is not restarted by Lateral")),
      stop: async () => undefined,
    };
  } else {
    const dataDir = path.resolve(e.DATA_DIR, "postgres");
    const serverUrl = `postgresql://postgres:lateral@127.0.0.1:${e.EMBEDDED_POSTGRES_PORT}/postgres`;
    const start = () => startEmbeddedPostgres({ dataDir, port: e.EMBEDDED_POSTGRES_PORT, persistent: true });
    let server: EmbeddedServer | null = null;
    if (!(fs.existsSync(path.join(dataDir, "postmaster.pid")) && (await answers(serverUrl)))) {
      opts.log?.(`Starting the embedded PostgreSQL (data in ${dataDir}, port ${e.EMBEDDED_POSTGRES_PORT})`);
      server = await start();
    }
    await ensureDatabase(serverUrl, APP_DATABASE);
    const url = new URL(serverUrl);
    url.pathname = `/${APP_DATABASE}`;
    const h: DatabaseHandle = {
      url: url.toString(),
      embedded: true,
      server,
      restart: async () => (h.server = await start()),
      stop: async () => {
        await h.server?.stop();
      },
    };
    handle = h;
  }
  process.env.DATABASE_URL = handle.url;
  if (opts.migrate !== false) {
    const applied = await migrate(handle.url);
    if (applied.length) opts.log?.(`Applied migrations: ${applied.join(", ")}`);
  }
  return handle;
}

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function ensureDatabase(serverUrl: string, name: string) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    const { rowCount } = await c.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE "${name}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== "42P04") throw err; // created concurrently
  } finally {
    await c.end();
  }
}
