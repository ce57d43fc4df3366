/**
 * What the X-Ray SDK and its dependencies ask of `semver`, put in its place
 * by the bundler (see infra/constructs/docket-function.ts): cls-hooked's
 * `semver.gte(process.versions.node, "8.0.0")` as it loads (every traced cold
 * start), and `semver.gte(AWS.VERSION, "2.7.15")` in the patcher for the v2
 * AWS SDK, which Docket never calls (the Tracer wraps v3 clients). The whole
 * package is 28 kB of the parse-page bundle. Plain release versions only,
 * which is what Node's and an SDK's versions are.
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
