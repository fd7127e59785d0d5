import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser, wire and end-to-end tests spawn processes; these are limits, not timings.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
