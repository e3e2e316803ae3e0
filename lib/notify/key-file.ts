import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * `npm start` without NOTIFY_SECRET_KEY: the key lives in DATA_DIR/notify-secret.key (created once,
 * mode 0600, 64 hex digits), so notifications work out of the box; keep it with the database.
 */
export function notifyKeyFromDataDir(dataDir: string): { key: string; created: boolean; file: string } {
  const file = path.resolve(dataDir, "notify-secret.key");
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, "utf8").trim(), created: false, file };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return { key, created: true, file };
}
