import { Buffer, isUtf8, transcode } from "node:buffer";

/**
 * `new TextDecoder(encoding).decode(bytes)`, with a faster road for the
 * common case. Node 20's UTF-8 decoding (TextDecoder and Buffer#toString
 * alike) costs about three times what ICU's converter to UTF-16 plus a
 * UTF-16 string (a copy) costs on a Chinese page. The two agree on every
 * valid UTF-8 input that does not open with a byte-order mark, which
 * TextDecoder drops: anything else (damaged bytes, whose replacement
 * characters the decoders place differently, or a mark) goes to TextDecoder.
 */
export function decodeText(bytes: Uint8Array, encoding: string): DecodedText {
  if (encoding === "utf-8" && !opensWithUtf8Bom(bytes) && isUtf8(bytes)) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { text: transcode(buffer, "utf8", "utf16le").toString("utf16le"), utf8: bytes };
  }
  return { text: new TextDecoder(encoding).decode(bytes), utf8: undefined };
}

export interface DecodedText {
  text: string;
  /** the bytes, when they are valid UTF-8 that `text` is exactly: a scan of them sees what a scan of `text` sees */
  utf8: Uint8Array | undefined;
}

function opensWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
