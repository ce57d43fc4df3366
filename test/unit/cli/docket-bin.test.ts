import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The bin as `npx docket` runs it: with the compiled CLI (npm ci's `prepare`), --help and --version alone
// are answered from the build's rendered help and package.json, without loading commander.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "infra/cli/docket.mjs");
const BUILT = join(ROOT, "infra/cli/dist/docket.mjs");

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, COLUMNS: "80", ...env },
  });
}

describe("the docket bin", { timeout: 60_000 }, () => {
  it.skipIf(!existsSync(BUILT))("prints the same --help as the full CLI (commander) renders, exit 0", () => {
    const fast = run(["--help"]);
    const full = spawnSync(process.execPath, [BUILT, "--help"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, COLUMNS: "80" },
    });
    expect(fast.status).toBe(0);
    expect(fast.stdout).toContain("Usage: docket");
    expect(fast.stdout).toBe(full.stdout);
    expect(run(["-h"]).stdout).toBe(full.stdout);
  });

  it("prints package.json's version for --version and -V, exit 0", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const result = run([flag]);
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: `${version}\n` });
    }
  });

  it("gives a command's own help from the full CLI, not the top-level text", () => {
    const result = run(["export", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: docket export");
  });
});
