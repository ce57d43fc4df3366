import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_STATE_FILE, repositoryRoot } from "../../../shared/config/local-state-file";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "");

describe("the local pipeline's state file", () => {
  it("is found from the compiled CLI (infra/cli/dist/) as from the sources (shared/config/)", () => {
    expect([repositoryRoot(join(ROOT, "infra/cli/dist")), repositoryRoot(join(ROOT, "shared/config"))]).toEqual([
      ROOT,
      ROOT,
    ]);
  });

  it("defaults to .docket/local.json at the repository root, or DOCKET_STATE_FILE", () => {
    expect(DEFAULT_STATE_FILE).toBe(process.env.DOCKET_STATE_FILE || join(ROOT, ".docket", "local.json"));
  });
});
