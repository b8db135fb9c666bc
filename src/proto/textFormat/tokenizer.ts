/**
 * Tokens of the protobuf text format, each with its 1-based line and column so that a parse
 * error can point at the character. `#` comments and whitespace are skipped; adjacent string
 * literals are left separate (the parser concatenates them).
 */
export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Source text (for strings: the decoded bytes are in `bytes`). */
  text: string;
  bytes?: Uint8Array;
  line: number;
  column: number;
}

export class TextFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fF]?)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };

export class Tokenizer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private lookahead: Token | undefined;

  constructor(private readonly input: string) {
    if (input.charCodeAt(0) === 0xfeff) this.pos = 1; // byte-order mark
    this.lineStart = this.pos;
  }

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const t = this.peek();
    this.lookahead = undefined;
    return t;
  }

  /** Raw text up to (not including) `close`, for `[type.googleapis.com/x.y.Z]` names. */
  readUntil(close: string): Token {
    if (this.lookahead) throw new Error('readUntil after peek');
    this.skipSpace();
    const start = this.pos;
    const tok = { line: this.line, column: this.pos - this.lineStart + 1 };
    while (this.pos < this.input.length && this.input[this.pos] !== close) this.pos++;
    if (this.pos >= this.input.length) throw this.error(`unterminated [ ... ${close}`, tok);
    return { kind: 'ident', text: this.input.slice(start, this.pos).trim(), ...tok };
  }

  error(message: string, at: { line: number; column: number } = this.peek()): TextFormatError {
    return new TextFormatError(message, at.line, at.column);
  }

  private skipSpace(): void {
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (c === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
        this.pos++;
      } else if (c === '#') {
        while (this.pos < this.input.length && this.input[this.pos] !== '\n') this.pos++;
      } else {
        break;
      }
    }
  }

  private scan(): Token {
    this.skipSpace();
    const at = { line: this.line, column: this.pos - this.lineStart + 1 };
    if (this.pos >= this.input.length) return { kind: 'eof', text: 'end of input', ...at };
    const rest = this.input.slice(this.pos, this.pos + 512);
    const c = rest[0]!;
    if (c === '"' || c === "'") return this.scanString(c, at);
    let m = NUMBER.exec(rest);
    if (m && (/\d/.test(c) || (c === '.' && /\d/.test(rest[1] ?? '')))) {
      this.pos += m[0].length;
      if (IDENT.test(this.input.slice(this.pos, this.pos + 1))) throw this.error(`invalid number "${m[0]}${this.input[this.pos]}"`, at);
      return { kind: 'number', text: m[0], ...at };
    }
    m = IDENT.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'ident', text: m[0], ...at };
    }
    if ('{}<>[]:,;-/'.includes(c)) {
      this.pos++;
      return { kind: 'punct', text: c, ...at };
    }
    throw new TextFormatError(`unexpected character ${JSON.stringify(c)}`, at.line, at.column);
  }

  private scanString(quote: string, at: { line: number; column: number }): Token {
    const out: number[] = [];
    const start = this.pos;
    this.pos++;
    const enc = new TextEncoder();
    for (;;) {
      if (this.pos >= this.input.length) throw new TextFormatError('unterminated string', at.line, at.column);
      const ch = this.input[this.pos]!;
      if (ch === '\n') throw new TextFormatError('newline inside a string', at.line, at.column);
      if (ch === quote) {
        this.pos++;
        break;
      }
      if (ch !== '\\') {
        const cp = this.input.codePointAt(this.pos)!;
        const s = String.fromCodePoint(cp);
        out.push(...enc.encode(s));
        this.pos += s.length;
        continue;
      }
      const e = this.input[this.pos + 1] ?? '';
      const escAt = { line: this.line, column: this.pos - this.lineStart + 1 };
      if (e in SIMPLE_ESCAPES) {
        out.push(SIMPLE_ESCAPES[e]!);
        this.pos += 2;
      } else if (/[0-7]/.test(e)) {
        const oct = /^[0-7]{1,3}/.exec(this.input.slice(this.pos + 1, this.pos + 4))![0];
        const v = parseInt(oct, 8);
        if (v > 255) throw new TextFormatError(`octal escape \\${oct} is above 255`, escAt.line, escAt.column);
        out.push(v);
        this.pos += 1 + oct.length;
      } else if (e === 'x' || e === 'X') {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(this.input.slice(this.pos + 2, this.pos + 4))?.[0];
        if (!hex) throw new TextFormatError('\\x escape without hex digits', escAt.line, escAt.column);
        out.push(parseInt(hex, 16));
        this.pos += 2 + hex.length;
      } else if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8;
        const hex = this.input.slice(this.pos + 2, this.pos + 2 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new TextFormatError(`\\${e} escape needs ${n} hex digits`, escAt.line, escAt.column);
        out.push(...enc.encode(String.fromCodePoint(parseInt(hex, 16))));
        this.pos += 2 + n;
      } else {
        throw new TextFormatError(`unknown escape \\${e}`, escAt.line, escAt.column);
      }
    }
    return { kind: 'string', text: this.input.slice(start, this.pos), bytes: Uint8Array.from(out), ...at };
  }
}
