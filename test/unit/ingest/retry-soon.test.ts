import { describe, expect, it } from "vitest";
import { QUEUES } from "../../../shared/config/resources";
import { retryDelaySeconds } from "../../../shared/ingest/retry-soon";
import { ABANDONED_PENDING_MS, LIVE_MARK_MS } from "../../../shared/storage/record-store";

describe("retryDelaySeconds", () => {
  const middle = () => 0.5;

  it("doubles from 3 s with each receive: 3, 6, 12, 24 s", () => {
    expect([1, 2, 3, 4].map((count) => retryDelaySeconds(count, middle))).toEqual([3, 6, 12, 24]);
  });

  it("never passes a minute, however often the message came back", () => {
    expect(retryDelaySeconds(9, middle)).toBe(60);
    expect(retryDelaySeconds(1000, () => 0.999)).toBeLessThanOrEqual(72);
  });

  it("spreads copies that failed together by ±20%, so they do not all return at once", () => {
    expect(retryDelaySeconds(4, () => 0)).toBe(19);
    expect(retryDelaySeconds(4, () => 0.999)).toBe(29);
  });

  it("treats a missing or odd receive count as the first receive, and waits at least a second", () => {
    expect(retryDelaySeconds(Number.NaN, middle)).toBe(3);
    expect(retryDelaySeconds(0, () => 0)).toBeGreaterThanOrEqual(1);
  });

  describe("a message held up by a mark that may be a dead writer's (settlesWithinMs)", () => {
    it("is still retried quickly on its first two receives: a live owner finishes in seconds", () => {
      expect(retryDelaySeconds(1, middle, 55_000)).toBe(3);
      expect(retryDelaySeconds(2, middle, 50_000)).toBe(6);
    });

    it("from the third receive on, comes back no sooner than the mark may be taken over", () => {
      expect(retryDelaySeconds(3, middle, 50_000)).toBe(52);
      expect(retryDelaySeconds(4, middle, 1_000)).toBe(24);
      expect(retryDelaySeconds(3, () => 0, 40_500)).toBe(43);
    });

    it("does not wait out a bound longer than 15 minutes", () => {
      expect(retryDelaySeconds(3, middle, 10 * 3_600_000)).toBe(900);
    });

    it.each([
      ["shortest", () => 0],
      ["middle", () => 0.5],
      ["longest", () => 0.999],
    ])(
      "with %s jitter, reaches a receive after a dead writer's mark ages out before the DLQ takes the message",
      (_, random) => {
        // The mark was made as the first receive began; each failing receive waits 2 s on it first, and
        // gives the mark's time left only once it is older than a live writer holds one (record-store.ts).
        let at = 0;
        let receive = 1;
        while (at < ABANDONED_PENDING_MS && receive <= QUEUES.records.maxReceiveCount) {
          at += 2_000;
          const settles = at >= LIVE_MARK_MS ? ABANDONED_PENDING_MS - at : undefined;
          at += retryDelaySeconds(receive, random, settles) * 1000;
          receive += 1;
        }
        expect(at).toBeGreaterThanOrEqual(ABANDONED_PENDING_MS);
        expect(receive).toBeLessThanOrEqual(QUEUES.records.maxReceiveCount);
      },
    );
  });
});
