import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PageVersion } from "../../../shared/events/record-message";
import { comparableParserVersion, compareVersions, versionStrings } from "../../../shared/storage/record-version";
import { aVersion } from "./support/store-harness";

function order(stored: Partial<PageVersion>, incoming: Partial<PageVersion>) {
  return compareVersions(versionStrings(aVersion(stored)), versionStrings(aVersion(incoming)));
}

describe("compareVersions", () => {
  it("calls the same version, content and parser the same", () => {
    expect(order({}, {})).toBe("same");
  });

  it("orders events for the same key by sequencer, as S3 documents: the shorter right-padded with zeros, then compared as text", () => {
    // A plain number comparison (left-padding) would call the stored one newer and drop the upload as stale.
    expect(order({ sequencer: "0062AAAA000000000001" }, { sequencer: "0062AAAA010000000" })).toBe("newer");
    expect(order({ sequencer: "0062AAAA01" }, { sequencer: "0062AAAA0100" })).toBe("same");
    expect(order({ sequencer: "0100" }, { sequencer: "FF" })).toBe("newer");
  });

  it("reads sequencers case-insensitively", () => {
    expect(order({ sequencer: "00ab" }, { sequencer: "00AB" })).toBe("same");
  });

  it("ignores event time for the same key: a later sequencer wins even with an earlier time", () => {
    expect(
      order(
        { sequencer: "01", eventTime: "2024-05-02T00:00:00.000Z" },
        { sequencer: "02", eventTime: "2024-05-01T00:00:00.000Z" },
      ),
    ).toBe("newer");
  });

  it("does not treat a replay of the same object version with a fresh event time as newer", () => {
    expect(order({}, { eventTime: "2030-01-01T00:00:00.000Z" })).toBe("same");
  });

  it("takes a re-parse of the same object version by a newer parser as newer", () => {
    expect(order({ parserVersion: "1.9.0" }, { parserVersion: "1.10.0" })).toBe("newer");
  });

  it("keeps the record of the newer parser against an older one", () => {
    expect(order({ parserVersion: "2.0.0" }, { parserVersion: "1.10.0" })).toBe("older");
  });

  it("orders different keys of one record by event time", () => {
    expect(
      order(
        { uri: "s3://b/raw/z.html", eventTime: "2024-05-02T00:00:00.000Z", sequencer: "FFFF" },
        { uri: "s3://b/raw/a.html", eventTime: "2024-05-01T00:00:00.000Z", sequencer: "01" },
      ),
    ).toBe("older");
  });

  it("breaks an event-time tie between different keys by uri", () => {
    expect(order({ uri: "s3://b/raw/a.html" }, { uri: "s3://b/raw/b.html" })).toBe("newer");
  });

  it("sorts a uri before a longer uri it is a prefix of", () => {
    expect(order({ uri: "s3://b/raw/a" }, { uri: "s3://b/raw/a.html" })).toBe("newer");
  });

  it("agrees with numeric sequencer order for any two events of one key whose sequencers have one length", () => {
    const hex = fc.bigInt({ min: 0n, max: 2n ** 80n - 1n }).map((n) => n.toString(16).toUpperCase().padStart(20, "0"));
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const expected =
          BigInt(`0x${b}`) > BigInt(`0x${a}`) ? "newer" : BigInt(`0x${b}`) < BigInt(`0x${a}`) ? "older" : "same";
        expect(order({ sequencer: a }, { sequencer: b })).toBe(expected);
      }),
    );
  });
});

describe("comparableParserVersion", () => {
  it("pads numeric parts so 1.10.0 sorts after 1.9.0", () => {
    expect(comparableParserVersion("1.10.0") > comparableParserVersion("1.9.0")).toBe(true);
  });
});
