import { Tokenizer } from "htmlparser2";

/**
 * htmlparser2's Tokenizer, skipping runs of characters that cannot change
 * its state with String#indexOf instead of stepping through its state machine
 * one character at a time. Text between tags (with entity decoding on, which
 * the parser uses, htmlparser2 steps through text char by char), attribute
 * values up to their closing quote, and the waits for one character (the end
 * of a script, a comment, a closing tag) are most of a page's characters.
 * Every event and every position it reports is the same as the original's
 * (test/unit/parse/html-tokenizer.test.ts compares them on every golden page).
 *
 * It overrides methods htmlparser2 declares private: the test checks that
 * they still exist, so an upgrade that renames them fails there rather than
 * silently losing the speed-up.
 */

const LT = 0x3c;
const AMP = 0x26;
const DOUBLE_QUOTE = 0x22;

/** The members of htmlparser2's Tokenizer read or overridden here, most of them private to it. */
interface TokenizerInternals {
  /** the chunk being read; `index` counts from the first chunk, `offset` is where this one starts */
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  write(chunk: string): void;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

export const OVERRIDDEN_TOKENIZER_METHODS = ["stateText", "handleInAttributeValue", "fastForwardTo"] as const;

const Base = Tokenizer as unknown as new (...args: ConstructorParameters<typeof Tokenizer>) => TokenizerInternals;

class SkippingTokenizer extends Base {
  /** The first "&" at or after `ampFrom` in the current chunk (-1: none): one search serves many text runs. */
  private nextAmp = -1;
  private ampFrom = Number.POSITIVE_INFINITY;

  override write(chunk: string): void {
    this.ampFrom = Number.POSITIVE_INFINITY;
    super.write(chunk);
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP || !this.decodeEntities) {
      super.stateText(c);
      return;
    }
    this.skipTo(this.nextOf("<", this.bufferIndex() + 1));
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP || !this.decodeEntities) {
      super.handleInAttributeValue(c, quote);
      return;
    }
    this.skipTo(this.nextOf(quote === DOUBLE_QUOTE ? '"' : "'", this.bufferIndex() + 1));
  }

  override fastForwardTo(c: number): boolean {
    const at = this.buffer.indexOf(String.fromCharCode(c), this.bufferIndex() + 1);
    if (at >= 0) {
      this.index = this.offset + at;
      return true;
    }
    // as the original: the parse loop's increment then ends the chunk
    this.index = this.offset + this.buffer.length - 1;
    return false;
  }

  private bufferIndex(): number {
    return this.index - this.offset;
  }

  /** The first `stop` or "&" at or after `from`, or the buffer's end. */
  private nextOf(stop: string, from: number): number {
    const buffer = this.buffer;
    let next = buffer.indexOf(stop, from);
    if (next < 0) next = buffer.length;
    if (from < this.ampFrom || (this.nextAmp >= 0 && this.nextAmp < from)) {
      this.ampFrom = from;
      this.nextAmp = buffer.indexOf("&", from);
    }
    return this.nextAmp >= 0 && this.nextAmp < next ? this.nextAmp : next;
  }

  /** The parse loop increments the index after each state call, so the next character it reads is `at`. */
  private skipTo(at: number): void {
    this.index = this.offset + at - 1;
  }
}

/** For htmlparser2's Parser option `Tokenizer`. */
export const FastTokenizer = SkippingTokenizer as unknown as typeof Tokenizer;
