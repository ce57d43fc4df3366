import { describe, expect, it } from "vitest";
import { RequestLineEncoder } from "../../../infra/local/raw-utf8-request-line";

const encode = (...chunks: string[]) => {
  const encoder = new RequestLineEncoder();
  return chunks.map((chunk) => encoder.push(Buffer.from(chunk, "utf8")).toString("latin1")).join("");
};

describe("RequestLineEncoder", () => {
  it("percent-encodes raw UTF-8 in a request line, 钟楼区 → %E9%92%9F%E6%A5%BC%E5%8C%BA", () => {
    expect(encode("GET /meetings?region=钟楼区 HTTP/1.1\r\nHost: x\r\n\r\n")).toBe(
      "GET /meetings?region=%E9%92%9F%E6%A5%BC%E5%8C%BA HTTP/1.1\r\nHost: x\r\n\r\n",
    );
  });

  it("leaves header values and a Content-Length body as they are, then encodes the next request line", () => {
    const out = encode(
      "POST /a HTTP/1.1\r\nX-Name: 李\r\nContent-Length: 3\r\n\r\n",
      "区",
      "GET /b?q=李 HTTP/1.1\r\n\r\n",
    );
    expect(out).toBe(
      `POST /a HTTP/1.1\r\nX-Name: ${Buffer.from("李").toString("latin1")}\r\nContent-Length: 3\r\n\r\n${Buffer.from("区").toString("latin1")}GET /b?q=%E6%9D%8E HTTP/1.1\r\n\r\n`,
    );
  });

  it("keeps its place when a request line is split across packets, even inside a character", () => {
    const bytes = Buffer.from("GET /?r=钟 HTTP/1.1\r\n\r\n", "utf8");
    const encoder = new RequestLineEncoder();
    const out = [encoder.push(bytes.subarray(0, 10)), encoder.push(bytes.subarray(10))];
    expect(Buffer.concat(out).toString("latin1")).toBe("GET /?r=%E9%92%9F HTTP/1.1\r\n\r\n");
  });

  it("stops rewriting a connection once a chunked body starts", () => {
    expect(encode("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "GET /区")).toBe(
      `POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nGET /${Buffer.from("区").toString("latin1")}`,
    );
  });
});
