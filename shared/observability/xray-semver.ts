/**
 * What the X-Ray SDK asks of `semver`, put in its place by the bundler (see
 * infra/constructs/docket-function.ts): one `semver.gte(AWS.VERSION, "2.7.15")`
 * in its patcher for the v2 AWS SDK, which Docket never calls (the Tracer
 * wraps v3 clients). The whole package is 28 kB of the parse-page bundle.
 * Plain release versions only, which is what an SDK's VERSION is.
 */
export function gte(version: string, minimum: string): boolean {
  const [major, minor, patch] = parseRelease(version);
  const [minMajor, minMinor, minPatch] = parseRelease(minimum);
  if (major !== minMajor) return major > minMajor;
  if (minor !== minMinor) return minor > minMinor;
  return patch >= minPatch;
}

function parseRelease(version: string): [number, number, number] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new TypeError(`Invalid Version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
