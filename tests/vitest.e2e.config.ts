import { defineConfig } from "vitest/config";
import { alias, root } from "./vitest.shared.ts";

// End-to-end tests: a production build of the app served over real HTTP, a real PostgreSQL,
// and Debian's Chromium driven by playwright-core.
export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/helpers/postgres-global-setup.ts", "tests/helpers/app-global-setup.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
