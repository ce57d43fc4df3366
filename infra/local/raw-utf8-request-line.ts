import type net from "node:net";
import { Duplex } from "node:stream";

/**
 * API Gateway accepts raw UTF-8 in a request's query string
 * (`curl '…/meetings?region=钟楼区'`); Node's HTTP parser rejects any byte
 * above 0x7f in the request target with a bare 400. This encoder sits
 * between the socket and the parser and percent-encodes such bytes in
 * request lines only: it follows each request's head to its end and skips a
 * Content-Length body, so headers and bodies pass through untouched. A
 * chunked request body ends the rewriting for that connection.
 */
export class RequestLineEncoder {
  private state: "line" | "head" | "body" | "passthrough" = "line";
  private head = "";
  private bodyLeft = 0;

  push(chunk: Buffer): Buffer {
    if (this.state === "passthrough") return chunk;
    const out: number[] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case "line":
          if (byte >= 0x80) for (const c of `%${byte.toString(16).toUpperCase()}`) out.push(c.charCodeAt(0));
          else out.push(byte);
          if (byte === 0x0a) {
            this.state = "head";
            this.head = "";
          }
          break;
        case "head":
          out.push(byte);
          this.head += String.fromCharCode(byte);
          if (
            this.head === "\r\n" ||
            this.head === "\n" ||
            this.head.endsWith("\n\r\n") ||
            this.head.endsWith("\n\n")
          ) {
            this.endHead();
          } else if (this.head.length > 65_536) this.state = "passthrough";
          break;
        case "body":
          out.push(byte);
          this.bodyLeft -= 1;
          if (this.bodyLeft === 0) this.state = "line";
          break;
        case "passthrough":
          out.push(byte);
          break;
      }
    }
    return Buffer.from(out);
  }

  private endHead(): void {
    const head = this.head.toLowerCase();
    if (/^transfer-encoding:.*chunked/m.test(head)) {
      this.state = "passthrough";
      return;
    }
    const length = Number(/^content-length:\s*(\d+)/m.exec(head)?.[1] ?? 0);
    this.bodyLeft = length;
    this.state = length > 0 ? "body" : "line";
  }
}

/** A socket seen through a RequestLineEncoder, for `httpServer.emit("connection", …)`. */
export class EncodedConnection extends Duplex {
  private readonly encoder = new RequestLineEncoder();

  constructor(private readonly socket: net.Socket) {
    super({ allowHalfOpen: true });
    socket.on("data", (chunk: Buffer) => {
      if (!this.push(this.encoder.push(chunk))) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    socket.on("close", () => this.destroy());
    socket.on("timeout", () => this.emit("timeout"));
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.socket.setTimeout(ms, callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket.setKeepAlive(enable, delay);
    return this;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
