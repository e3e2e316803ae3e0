import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Runs `next build` when there is no build or a source file is newer than it. */
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

export function needsBuild(root = process.cwd()): boolean {
  const stamp = path.join(root, ".next/BUILD_ID");
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((f) => f !== "generated" && newer(path.join(p, f)));
  };
  return SOURCES.some((p) => newer(path.join(root, p)));
}

export function buildIfNeeded(root = process.cwd(), log: (m: string) => void = console.log): Promise<void> {
  if (!needsBuild(root)) return Promise.resolve();
  log("Building the web app (sources changed since the last build)…");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
}
