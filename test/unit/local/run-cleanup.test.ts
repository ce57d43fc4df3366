import { describe, expect, it } from "vitest";
import { runCleanup } from "../../../infra/local/run-cleanup";

describe("runCleanup", () => {
  it("runs every step in order", async () => {
    const ran: string[] = [];
    await runCleanup([async () => void ran.push("pollers"), async () => void ran.push("emulators")]);
    expect(ran).toEqual(["pollers", "emulators"]);
  });

  it("still runs the later steps when one fails, then rethrows that failure", async () => {
    const ran: string[] = [];
    const failure = new Error("poller would not stop");
    const run = runCleanup([
      async () => {
        throw failure;
      },
      async () => void ran.push("emulators"),
    ]);
    await expect(run).rejects.toBe(failure);
    expect(ran).toEqual(["emulators"]);
  });
});
