import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PipelineResources } from "./pipeline-resources";

/**
 * The repository holding this module: the nearest folder above it with a
 * package.json. Walking up (rather than a fixed "../..") keeps it right both
 * from source (shared/config/) and from the compiled CLI (infra/cli/dist/).
 */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * The contract between `npm start` (infra/local, the writer) and the CLI
 * (infra/cli, the reader), kept here so neither imports the other.
 *
 * Where a running local pipeline says how to reach it, so the CLI needs no
 * flags: `.docket/local.json` in the repository root (git-ignored), written
 * once everything is up and removed on exit.
 */
export const DEFAULT_STATE_FILE =
  process.env.DOCKET_STATE_FILE ||
  join(repositoryRoot(dirname(fileURLToPath(import.meta.url))), ".docket", "local.json");

/** The emulators accept any credentials; these keep the SDK from looking for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export interface LocalPipelineState {
  pid: number;
  startedAt: string;
  stage: string;
  apiUrl: string;
  /** One endpoint for S3, SQS, SNS and DynamoDB (what `--endpoint-url` takes). */
  awsEndpoint: string;
  resources: PipelineResources;
}

export async function writeLocalState(state: LocalPipelineState, file = DEFAULT_STATE_FILE): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}

export async function readLocalState(file = DEFAULT_STATE_FILE): Promise<LocalPipelineState | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as LocalPipelineState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function removeLocalState(file = DEFAULT_STATE_FILE): Promise<void> {
  await rm(file, { force: true });
}

/** Whether the pipeline that wrote the state is still alive (a killed one leaves its file behind). */
export function isStateLive(state: LocalPipelineState): boolean {
  try {
    process.kill(state.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
