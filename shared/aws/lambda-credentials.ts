import { fromEnv } from "@aws-sdk/credential-provider-env";

/**
 * The credential chain of the Lambda bundles, put in place of
 * @aws-sdk/credential-provider-node by the bundler (see
 * infra/constructs/docket-function.ts), so it exports the same name.
 *
 * Lambda hands the execution role's credentials to the function as
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and the
 * SDK's default chain tries those first; the rest of that chain (profiles,
 * SSO, web identity, container and instance metadata, with the STS and SSO
 * clients they bring) is about 95 kB that a function never runs. Code that
 * runs from source (local runtime, CLI, tests) keeps the full default chain.
 */
export function defaultProvider(init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> {
  return fromEnv(init);
}
