import { createBackoff, sleep, type Backoff } from "./backoff";

/**
 * LISTEN on a dedicated connection that survives database restarts. One loop owns the connection:
 * connect, LISTEN, wait until the connection ends or fails, then wait a bounded, jittered backoff
 * and connect again. There is never more than one connection or connection attempt, whatever mix of
 * `error` and `end` events the driver emits, so file descriptors and memory stay flat during an
 * outage of any length. `onConnected` runs after every (re)connection: notifications sent while
 * the connection was down are lost, so the caller looks for work then.
 */
export interface ListenConnection {
  connect(): Promise<unknown>;
  on(event: "notification", fn: (n: { channel: string }) => void): unknown;
  on(event: "error" | "end", fn: () => void): unknown;
  end(): Promise<unknown>;
}

export interface ListenerOptions<C extends ListenConnection> {
  open: () => C;
  listen: (connection: C) => Promise<void>;
  onNotify: (channel: string) => void;
  onConnected?: () => void;
  log?: (message: string) => void;
  backoff?: Backoff;
}

export interface Listener {
  /** Resolves once the first connection listens (or the listener was stopped). */
  ready: Promise<void>;
  /** Connections made so far (the first one included). */
  readonly connections: number;
  stop(): Promise<void>;
}

export function startListener<C extends ListenConnection>(opts: ListenerOptions<C>): Listener {
  const backoff = opts.backoff ?? createBackoff();
  const stopped = new AbortController();
  let connections = 0;
  let current: C | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  stopped.signal.addEventListener("abort", () => markReady(), { once: true });

  const loop = (async () => {
    while (!stopped.signal.aborted) {
      const connection = opts.open();
      current = connection;
      let lost!: () => void;
      const closed = new Promise<void>((r) => (lost = r));
      connection.on("notification", (n) => opts.onNotify(n.channel));
      connection.on("error", () => lost());
      connection.on("end", () => lost());
      try {
        await connection.connect();
        await opts.listen(connection);
        connections++;
        if (backoff.failures > 0) opts.log?.(`listening again after ${backoff.failures} failed attempts`);
        backoff.reset();
        markReady();
        opts.onConnected?.();
        await Promise.race([closed, new Promise<void>((r) => stopped.signal.addEventListener("abort", () => r(), { once: true }))]);
        if (!stopped.signal.aborted) opts.log?.("the notification connection was lost; reconnecting");
      } catch (err) {
        if (backoff.failures === 0) opts.log?.(`cannot listen for notifications (${(err as Error).message}); retrying with backoff`);
      }
      current = null;
      await connection.end().catch(() => undefined);
      if (!stopped.signal.aborted) await sleep(backoff.next(), stopped.signal);
    }
  })();

  return {
    ready,
    get connections() {
      return connections;
    },
    async stop() {
      stopped.abort();
      await current?.end().catch(() => undefined);
      await loop;
    },
  };
}
