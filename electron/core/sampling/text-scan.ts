/**
 * Hand scanning over the text of a /proc file. The sampler reads up to a dozen files
 * 10–100 times a second, so parsers walk the string with charCodeAt instead of
 * split/regex: one string per file read and no intermediate arrays.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;

/** A read position in a text. Parsers create one per parse and advance it. */
export class TextCursor {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips spaces and tabs (not newlines). */
  skipBlanks(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== SPACE && c !== TAB) break;
      pos++;
    }
    this.pos = pos;
  }

  /**
   * Reads an unsigned decimal after optional blanks; NaN when there is none. Kernel
   * counters are u64, but every counter read here stays far below 2^53 in practice.
   */
  readUint(): number {
    this.skipBlanks();
    const text = this.text;
    let pos = this.pos;
    let value = 0;
    let digits = 0;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
      pos++;
      digits++;
    }
    this.pos = pos;
    return digits === 0 ? Number.NaN : value;
  }

  /** Reads a decimal that may have a fraction ("12.34"); NaN when there is none. */
  readDecimal(): number {
    const whole = this.readUint();
    if (Number.isNaN(whole) || this.text.charCodeAt(this.pos) !== 0x2e) return whole;
    this.pos++;
    const start = this.pos;
    const fraction = this.readUint();
    if (Number.isNaN(fraction)) return whole;
    return whole + fraction / 10 ** (this.pos - start);
  }

  /** Skips one blank-separated field of any content (it may be negative or text). */
  skipField(): void {
    this.skipBlanks();
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB || c === NEWLINE) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Reads one blank-separated token, stopping also at `stopChar` (e.g. ':'). */
  readToken(stopChar = -1): string {
    this.skipBlanks();
    const text = this.text;
    const start = this.pos;
    let pos = start;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB || c === NEWLINE || c === stopChar) break;
      pos++;
    }
    this.pos = pos;
    return text.slice(start, pos);
  }

  /** Moves to the start of the next line (or the end). */
  nextLine(): void {
    const next = this.text.indexOf('\n', this.pos);
    this.pos = next === -1 ? this.text.length : next + 1;
  }

  /** Whether the text at the cursor starts with `literal` (the cursor does not move). */
  startsWith(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }

  /** Moves past `literal` when the text at the cursor starts with it. */
  consume(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }
}

/**
 * Finds "key<spaces>value" lines ("MemTotal:  16 kB", "pswpin 12") and returns each
 * key's first number, in the order of `keys`; NaN for a key that is absent.
 */
export function readKeyedNumbers(text: string, keys: readonly string[]): number[] {
  const values = keys.map(() => Number.NaN);
  // Most lines of /proc/vmstat (~170) start with a letter no key starts with.
  const firstChars = new Set(keys.map((key) => key.charCodeAt(0)));
  let found = 0;
  const cursor = new TextCursor(text);
  while (!cursor.atEnd() && found < keys.length) {
    if (firstChars.has(text.charCodeAt(cursor.pos))) {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (Number.isNaN(values[i]) && cursor.consume(key)) {
          // The key must end at a blank, so "pgmajfault" does not match "pgmajfault_x".
          const c = text.charCodeAt(cursor.pos);
          if (c === SPACE || c === TAB) {
            values[i] = cursor.readUint();
            found++;
          }
          break;
        }
      }
    }
    cursor.nextLine();
  }
  return values;
}
