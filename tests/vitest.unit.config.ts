import { defineConfig } from "vitest/config";
import { alias, root } from "./vitest.shared.ts";

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
