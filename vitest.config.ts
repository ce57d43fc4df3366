import { defineConfig } from "vitest/config";

// One `npm test`, three projects: unit (no network), integration (emulators
// started by the test run on free ports), infra (CDK assertions and cdk-nag).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // Generous: on a loaded machine a cold start alone can take tens of seconds. Tests wait
          // with bounded polls, so these only stop a broken test from hanging the run.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Each file starts its own emulators; two cores, so keep it to two at once, and
          // run after the CPU-heavy unit and infra groups rather than beside them.
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
