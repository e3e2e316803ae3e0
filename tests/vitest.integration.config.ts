import { defineConfig } from "vitest/config";
import { alias, root } from "./vitest.shared.ts";

// Integration tests talk to a real PostgreSQL: DATABASE_URL when set, else an embedded server
// started once by the global setup. Each test file gets a database of its own.
export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/helpers/postgres-global-setup.ts", "tests/helpers/app-global-setup.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
