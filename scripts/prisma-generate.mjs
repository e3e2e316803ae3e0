// Generates the Prisma client offline. `prisma generate` only needs the schema engine's path to
// exist (it does not run it), and Prisma's download host is unreachable on air-gapped machines.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}prisma/schema.prisma`)) process.exit(0);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
execFileSync(process.execPath, [`${root}node_modules/prisma/build/index.js`, "generate"], {
  cwd: root,
  env,
  stdio: "inherit",
});
