import { EventEmitter } from "node:events";
import { expect, test } from "vitest";
import { createBackoff, seededRandom } from "@/lib/worker/backoff";
import { startListener, type ListenConnection } from "@/lib/worker/listener";

/**
 * A fake database connection whose fate the test decides: while `down`, connect() fails the way pg
 * fails on a refused connection (an "error" event and an "end" event as well as the rejection).
 */
class FakeConnection extends EventEmitter implements ListenConnection {
  static open = 0; // connections or attempts not yet ended
  static maxOpen = 0;
  static attempts = 0;
  static down = false;
  ended = false;
  constructor() {
    super();
    FakeConnection.open++;
    FakeConnection.maxOpen = Math.max(FakeConnection.maxOpen, FakeConnection.open);
  }
  async connect() {
    FakeConnection.attempts++;
    if (FakeConnection.down) {
      this.emit("error", new Error("connect ECONNREFUSED"));
      this.emit("end");
      throw new Error("connect ECONNREFUSED");
    }
  }
  async end() {
    if (!this.ended) {
      this.ended = true;
      FakeConnection.open--;
      this.emit("end");
    }
  }
  drop() {
    this.emit("error", new Error("terminating connection due to administrator command"));
    this.emit("end");
  }
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setImmediate(r));
};

test("an outage: one attempt at a time with backoff, no doubling on error+end, back to listening when the database returns", async () => {
  const opened: FakeConnection[] = [];
  let connectedCalls = 0;
  const listener = startListener({
    open: () => {
      const c = new FakeConnection();
      opened.push(c);
      return c;
    },
    listen: async () => undefined,
    onNotify: () => undefined,
    onConnected: () => connectedCalls++,
    backoff: createBackoff({ baseMs: 1, maxMs: 4, random: seededRandom(3) }),
  });
  await listener.ready;
  expect(listener.connections).toBe(1);

  FakeConnection.down = true;
  opened[0].drop(); // the server went away: both error and end fire
  await until(() => FakeConnection.attempts >= 200);
  expect(FakeConnection.maxOpen).toBe(1); // never two connections or attempts at once
  expect(FakeConnection.open).toBeLessThanOrEqual(1);

  FakeConnection.down = false;
  await until(() => listener.connections === 2);
  expect(connectedCalls).toBe(2); // the caller is told, so it looks for work it was not notified of
  const attempts = FakeConnection.attempts;
  await new Promise((r) => setTimeout(r, 50));
  expect(FakeConnection.attempts).toBe(attempts); // connected: no more attempts

  await listener.stop();
  expect(FakeConnection.open).toBe(0);
});

test("notifications reach the caller with their channel", async () => {
  const seen: string[] = [];
  let conn: FakeConnection | undefined;
  const listener = startListener({
    open: () => (conn = new FakeConnection()),
    listen: async () => undefined,
    onNotify: (ch) => seen.push(ch),
  });
  await listener.ready;
  conn!.emit("notification", { channel: "lateral_events" });
  expect(seen).toEqual(["lateral_events"]);
  await listener.stop();
});
