import { describe, expect, it } from "vitest";
import {
  checkDeadline,
  checkDeadlineNow,
  ParseBudgetExceeded,
  withDeadline,
} from "../../../shared/parse/parse-deadline";
import { parsePage } from "../../../shared/parse/parse-page";

/** Spins until the clock has passed `ms`, calling the checkpoint as a parser loop does. */
function busyLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) checkDeadline();
}

describe("parse deadline", () => {
  it("stops a loop that calls the checkpoint once the budget is spent", () => {
    expect(() => withDeadline(20, () => busyLoop(10_000))).toThrow(ParseBudgetExceeded);
  });

  it("lets a parse inside its budget finish, and sets no deadline without a budget", () => {
    expect(withDeadline(60_000, () => "done")).toBe("done");
    const unbounded = () => {
      busyLoop(5);
      checkDeadlineNow();
      return "unbounded";
    };
    expect(withDeadline(undefined, unbounded)).toBe("unbounded");
  });

  it("clears the deadline when the parse ends, so checkpoints outside a parse never throw", () => {
    expect(() => withDeadline(1, () => busyLoop(5_000))).toThrow(ParseBudgetExceeded);
    expect(() => {
      busyLoop(5);
      checkDeadlineNow();
    }).not.toThrow();
  });

  it("rejects a page that runs past its budget as too-complex, well before it would finish", () => {
    // Seconds of work even in linear time: 2 MB of posted names in one attendee list.
    const bytes = new TextEncoder().encode(`出席:${"区长王明、".repeat(140_000)}`);
    const started = performance.now();
    const outcome = parsePage(bytes, { uri: "file:///slow.txt", budgetMs: 200 });
    const elapsed = performance.now() - started;

    expect(outcome).toEqual({
      ok: false,
      rejection: { code: "too-complex", message: "the page took more than 200 ms to parse" },
    });
    // Checkpoints sit between stages and inside their loops: the overrun is a fraction of the full parse.
    expect(elapsed).toBeLessThan(5_000);
  });
});
