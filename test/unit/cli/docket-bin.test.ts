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

  it.skipIf(!existsSync(BUILT))("answers --help from the build's help.txt without loading the full CLI", () => {
    // A resolve hook that refuses the compiled CLI's entry: the fast path must not need it.
    const refuseFullCli = `export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (resolved.url.endsWith("/cli/dist/docket.mjs")) throw new Error("the full CLI was loaded");
      return resolved;
    }`;
    const hook = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(refuseFullCli)}`)});`;
    const guarded = spawnSync(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(hook)}`, BIN, "--help"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, COLUMNS: "80" },
      },
    );
    expect(guarded.stderr).toBe("");
    expect(guarded.status).toBe(0);
    expect(guarded.stdout).toBe(readFileSync(join(ROOT, "infra/cli/dist/help.txt"), "utf8"));
    // The hook does bite: a sub-command needs the full CLI and fails under it.
    const needsFull = spawnSync(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(hook)}`, BIN, "parse", "--help"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(needsFull.status).not.toBe(0);
    expect(needsFull.stderr).toContain("the full CLI was loaded");
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
