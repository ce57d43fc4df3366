import { type HttpTimeouts, requestHandlerOptions } from "./http-timeouts";
import { SDK_LOGGER } from "./sdk-logger";

/** What every function's SDK client is given: the quiet logger and the service's network timeouts. */
export function clientOptions(timeouts: HttpTimeouts) {
  return { logger: SDK_LOGGER, requestHandler: requestHandlerOptions(timeouts) };
}
