import {defineConfig} from "vitest/config";

// Two projects: fast unit/property tests of labs/, and browser tests of the built site (dist/).
export default defineConfig({
  test: {
    projects: [
      {test: {name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/browser/**"], testTimeout: 60_000}},
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has 2 cores and the pages train models.
          pool: "forks",
          poolOptions: {forks: {singleFork: true}}
        }
      }
    ]
  }
});
