import type { SendMessageBatchRequest, SendMessageBatchResult } from "@aws-sdk/client-sqs";
import type { Fauxqs } from "./aws-endpoint";

/**
 * SQS's SendMessageBatch answered by fauxqs in-process (Fastify's inject), for
 * the S3 event notifications queued on the emulator thread: no socket and no
 * SDK, with fauxqs's own validation, and counted among the requests served
 * like any client's call.
 */
export function injectedSendMessageBatch(
  fauxqs: Fauxqs,
): (request: SendMessageBatchRequest) => Promise<SendMessageBatchResult> {
  return async (request) => {
    const response = await fauxqs.inject({
      method: "POST",
      url: "/",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessageBatch" },
      payload: JSON.stringify(request),
    });
    const body = JSON.parse(response.body) as SendMessageBatchResult & { __type?: string; message?: string };
    if (response.statusCode !== 200) {
      throw new Error(`SendMessageBatch failed: ${response.statusCode} ${body.__type ?? ""} ${body.message ?? ""}`);
    }
    return body;
  };
}
