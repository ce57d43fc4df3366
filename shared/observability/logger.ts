import { Logger } from "@aws-lambda-powertools/logger";

/**
 * One JSON logger per container. Service name and level come from
 * POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL when set (the stack sets
 * them per function); outside Lambda it simply logs to stdout.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "docket" });
