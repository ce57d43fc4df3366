import { Tracer } from "@aws-lambda-powertools/tracer";

/** X-Ray tracer; it disables itself outside Lambda, so wrapping clients is safe everywhere. */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "docket" });
