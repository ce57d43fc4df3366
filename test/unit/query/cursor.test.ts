import { describe, expect, it } from "vitest";
import { BadParameterError } from "../../../shared/errors";
import { decodeCursor, encodeCursor, queryFingerprint } from "../../../shared/query/cursor";

const KEY = "k".repeat(32);
const QUERY = queryFingerprint({ route: "GET /meetings", region: "320404", type: null });
const POSITION = { pk: "REGION#320404", sk: "2022-01-26#rec_00000000000000000001" };

function cursorError(run: () => unknown): BadParameterError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadParameterError) return error;
    throw error;
  }
  throw new Error("expected a BadParameterError");
}

describe("cursors across a key rotation", () => {
  const OLD = "o".repeat(32);
  const NEW = "n".repeat(32);

  it("still accept a cursor signed with the previous key, and sign new ones with the current key", () => {
    const rotated = { current: NEW, previous: OLD };
    expect(decodeCursor(rotated, QUERY, encodeCursor(OLD, QUERY, POSITION))).toEqual(POSITION);
    const fresh = encodeCursor(rotated, QUERY, POSITION);
    expect(fresh).toBe(encodeCursor(NEW, QUERY, POSITION));
    expect(decodeCursor(NEW, QUERY, fresh)).toEqual(POSITION);
  });

  it("refuse a cursor signed with a key older than the previous one", () => {
    const cursor = encodeCursor("x".repeat(32), QUERY, POSITION);
    expect(cursorError(() => decodeCursor({ current: NEW, previous: OLD }, QUERY, cursor)).parameter).toBe("cursor");
    expect(cursorError(() => decodeCursor({ current: NEW }, QUERY, encodeCursor(OLD, QUERY, POSITION))).parameter).toBe(
      "cursor",
    );
  });
});

describe("cursors", () => {
  it("give back the position they were made from", () => {
    expect(decodeCursor(KEY, QUERY, encodeCursor(KEY, QUERY, POSITION))).toEqual(POSITION);
    expect(decodeCursor(KEY, QUERY, encodeCursor(KEY, QUERY, { pk: "MONTH#2022-01" }))).toEqual({
      pk: "MONTH#2022-01",
    });
  });

  it("are URL-safe", () => {
    expect(encodeCursor(KEY, QUERY, POSITION)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("reject a payload edited to point at another partition", () => {
    const [, signature] = encodeCursor(KEY, QUERY, POSITION).split(".");
    const forged = Buffer.from(JSON.stringify({ v: 1, q: QUERY, p: { pk: "REGION#110105" } })).toString("base64url");
    const error = cursorError(() => decodeCursor(KEY, QUERY, `${forged}.${signature}`));
    expect(error.parameter).toBe("cursor");
    expect(error.reason).toContain("altered");
  });

  it("reject a cursor with one character changed", () => {
    const cursor = encodeCursor(KEY, QUERY, POSITION);
    const flipped = `${cursor.slice(0, 5)}${cursor[5] === "A" ? "B" : "A"}${cursor.slice(6)}`;
    expect(cursorError(() => decodeCursor(KEY, QUERY, flipped)).parameter).toBe("cursor");
  });

  it("reject a truncated cursor", () => {
    const cursor = encodeCursor(KEY, QUERY, POSITION);
    expect(cursorError(() => decodeCursor(KEY, QUERY, cursor.slice(0, -3))).parameter).toBe("cursor");
    expect(cursorError(() => decodeCursor(KEY, QUERY, cursor.split(".")[0] ?? "")).parameter).toBe("cursor");
  });

  it.each(["%%%", "not base64!", "a.b.c", "", "x".repeat(3000)])("reject %j as not a cursor", (text) => {
    expect(cursorError(() => decodeCursor(KEY, QUERY, text)).parameter).toBe("cursor");
  });

  it("reject a cursor issued for another query", () => {
    const other = queryFingerprint({ route: "GET /meetings", region: "320404", type: "work-meeting" });
    const error = cursorError(() => decodeCursor(KEY, other, encodeCursor(KEY, QUERY, POSITION)));
    expect(error.reason).toContain("different query");
  });

  it("reject a cursor signed with another key", () => {
    expect(cursorError(() => decodeCursor(KEY, QUERY, encodeCursor("other-key", QUERY, POSITION))).parameter).toBe(
      "cursor",
    );
  });
});

describe("queryFingerprint", () => {
  it("does not depend on the order filters are listed in", () => {
    expect(queryFingerprint({ a: "1", b: null })).toBe(queryFingerprint({ b: null, a: "1" }));
  });

  it("differs when any filter differs", () => {
    const base = { route: "GET /meetings", from: "2022-01-01", to: null };
    expect(queryFingerprint(base)).not.toBe(queryFingerprint({ ...base, to: "2022-12-31" }));
    expect(queryFingerprint(base)).not.toBe(queryFingerprint({ ...base, route: "GET /people/{name}" }));
  });
});
