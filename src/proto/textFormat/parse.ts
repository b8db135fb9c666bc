/**
 * Text-format parser over protobuf-es reflection, with line and column in every error
 * (TextFormatError). Accepts what Python's text_format and protobuf-go accept for these
 * messages: optional ':' before a message, '{}' or '<>', lists as repeated fields or `[a, b]`,
 * map entries as `{ key: .. value: .. }`, enums by name or number, concatenated strings with C
 * escapes, `inf`/`nan`, hex and octal integers, '#' comments, ',' or ';' separators, and an
 * expanded `google.protobuf.Any` (`[type.googleapis.com/pkg.Msg] { ... }`).
 */
import { create, type DescEnum, type DescField, type DescMessage, type MessageShape, type Registry, ScalarType, toBinary } from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';

import { type Token, TextFormatError, Tokenizer } from './tokenizer.js';

const MAX_DEPTH = 100;
const INT32 = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const UINT32 = [0n, 2n ** 32n - 1n] as const;
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64 = [0n, 2n ** 64n - 1n] as const;

export function parseText<D extends DescMessage>(schema: D, text: string, registry?: Registry): MessageShape<D> {
  const message = create(schema);
  const p = new Parser(new Tokenizer(text), registry);
  p.body(reflect(schema, message), 'eof', 0);
  return message;
}

class Parser {
  constructor(
    private readonly t: Tokenizer,
    private readonly registry?: Registry,
  ) {}

  body(msg: ReflectMessage, close: string, depth: number): void {
    if (depth > MAX_DEPTH) throw this.t.error(`nesting deeper than ${MAX_DEPTH}`);
    const seen = new Set<string>();
    for (;;) {
      const tok = this.t.peek();
      if (tok.kind === 'eof') {
        if (close === 'eof') return;
        throw this.t.error(`unexpected end of input, expected "${close}"`, tok);
      }
      if (tok.kind === 'punct' && tok.text === close) {
        this.t.next();
        return;
      }
      this.field(msg, seen, depth);
      const sep = this.t.peek();
      if (sep.kind === 'punct' && (sep.text === ',' || sep.text === ';')) this.t.next();
    }
  }

  private field(msg: ReflectMessage, seen: Set<string>, depth: number): void {
    const name = this.t.next();
    if (name.kind === 'punct' && name.text === '[') {
      this.anyExpanded(msg, name, seen, depth);
      return;
    }
    if (name.kind !== 'ident') throw this.t.error(`expected a field name, got ${describe(name)}`, name);
    const field = msg.desc.fields.find((f) => f.name === name.text);
    if (!field) throw this.t.error(`unknown field "${name.text}" for ${msg.desc.typeName}`, name);
    const isMessage = field.fieldKind === 'message' || field.fieldKind === 'map' || (field.fieldKind === 'list' && field.listKind === 'message');
    const colon = this.t.peek();
    if (colon.kind === 'punct' && colon.text === ':') this.t.next();
    else if (!isMessage) throw this.t.error(`expected ":" after field "${field.name}", got ${describe(colon)}`, colon);

    if (field.fieldKind === 'list' || field.fieldKind === 'map') {
      const open = this.t.peek();
      if (open.kind === 'punct' && open.text === '[') {
        this.t.next();
        if (this.isPunct(']')) {
          this.t.next();
          return;
        }
        for (;;) {
          this.repeatedValue(msg, field, depth);
          const sep = this.t.next();
          if (sep.kind === 'punct' && sep.text === ']') return;
          if (!(sep.kind === 'punct' && sep.text === ',')) throw this.t.error(`expected "," or "]" in a list, got ${describe(sep)}`, sep);
        }
      }
      this.repeatedValue(msg, field, depth);
      return;
    }
    if (seen.has(field.name)) throw this.t.error(`field "${field.name}" of ${msg.desc.typeName} is set twice`, name);
    if (field.oneof) {
      const current = msg.oneofCase(field.oneof);
      if (current && seen.has(current.name)) {
        throw this.t.error(`field "${field.name}" and field "${current.name}" of oneof "${field.oneof.name}" are both set`, name);
      }
    }
    seen.add(field.name);
    if (field.fieldKind === 'message') {
      msg.set(field, this.message(field.message, depth));
    } else if (field.fieldKind === 'enum') {
      msg.set(field, this.enumValue(field.enum));
    } else {
      msg.set(field, this.scalar(field.scalar));
    }
  }

  private repeatedValue(msg: ReflectMessage, field: DescField & { fieldKind: 'list' | 'map' }, depth: number): void {
    if (field.fieldKind === 'list') {
      const list = msg.get(field);
      if (field.listKind === 'message') list.add(this.message(field.message, depth));
      else if (field.listKind === 'enum') list.add(this.enumValue(field.enum));
      else list.add(this.scalar(field.scalar));
      return;
    }
    // A map entry: { key: K value: V }, either part may be missing (defaults).
    const open = this.t.next();
    const close = openClose(open);
    if (!close) throw this.t.error(`expected "{" or "<" for a map entry, got ${describe(open)}`, open);
    let key: unknown = defaultKey(field.mapKey);
    let value: unknown;
    for (;;) {
      const tok = this.t.next();
      if (tok.kind === 'punct' && tok.text === close) break;
      if (tok.kind !== 'ident' || (tok.text !== 'key' && tok.text !== 'value')) {
        throw this.t.error(`expected "key", "value" or "${close}" in a map entry, got ${describe(tok)}`, tok);
      }
      const isMsgValue = tok.text === 'value' && field.mapKind === 'message';
      if (this.isPunct(':')) this.t.next();
      else if (!isMsgValue) throw this.t.error(`expected ":" after "${tok.text}"`);
      if (tok.text === 'key') key = this.scalar(field.mapKey);
      else if (field.mapKind === 'message') value = this.message(field.message, depth);
      else if (field.mapKind === 'enum') value = this.enumValue(field.enum);
      else value = this.scalar(field.scalar);
      if (this.isPunct(',') || this.isPunct(';')) this.t.next();
    }
    if (value === undefined) {
      value = field.mapKind === 'message' ? reflect(field.message, create(field.message)) : field.mapKind === 'enum' ? 0 : defaultKey(field.scalar);
    }
    msg.get(field).set(key, value);
  }

  private message(desc: DescMessage, depth: number): ReflectMessage {
    const open = this.t.next();
    const close = openClose(open);
    if (!close) throw this.t.error(`expected "{" or "<", got ${describe(open)}`, open);
    const sub = reflect(desc, create(desc));
    this.body(sub, close, depth + 1);
    return sub;
  }

  /** `[type.googleapis.com/pkg.Msg] { ... }` inside a google.protobuf.Any. */
  private anyExpanded(msg: ReflectMessage, at: Token, seen: Set<string>, depth: number): void {
    if (msg.desc.typeName !== 'google.protobuf.Any') throw this.t.error(`extensions are not supported in ${msg.desc.typeName}`, at);
    const url = this.t.readUntil(']');
    this.t.next(); // ]
    const typeName = url.text.slice(url.text.lastIndexOf('/') + 1);
    const desc = this.registry?.getMessage(typeName);
    if (!desc) throw this.t.error(`unknown message type "${typeName}" in an Any`, url);
    if (this.isPunct(':')) this.t.next();
    if (seen.has('type_url')) throw this.t.error('Any is set twice', at);
    seen.add('type_url');
    const inner = this.message(desc, depth);
    msg.set(msg.desc.fields.find((f) => f.name === 'type_url')!, url.text);
    msg.set(msg.desc.fields.find((f) => f.name === 'value')!, toBinary(desc, inner.message));
  }

  private enumValue(desc: DescEnum): number {
    const neg = this.minus();
    const tok = this.t.next();
    if (tok.kind === 'ident' && !neg) {
      const v = desc.values.find((e) => e.name === tok.text);
      if (!v) throw this.t.error(`unknown value "${tok.text}" for enum ${desc.typeName}`, tok);
      return v.number;
    }
    if (tok.kind === 'number') {
      const n = Number(this.integer(tok, INT32, neg));
      if (!desc.open && !desc.values.some((e) => e.number === n)) {
        throw this.t.error(`unknown value ${n} for enum ${desc.typeName}`, tok);
      }
      return n;
    }
    throw this.t.error(`expected a value of enum ${desc.typeName}, got ${describe(tok)}`, tok);
  }

  private scalar(type: ScalarType): unknown {
    switch (type) {
      case ScalarType.STRING:
      case ScalarType.BYTES: {
        const first = this.t.next();
        if (first.kind !== 'string') throw this.t.error(`expected a string, got ${describe(first)}`, first);
        const parts = [first.bytes!];
        while (this.t.peek().kind === 'string') parts.push(this.t.next().bytes!);
        const all = concat(parts);
        if (type === ScalarType.BYTES) return all;
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(all);
        } catch {
          throw this.t.error('string is not valid UTF-8 (use a bytes field for binary data)', first);
        }
      }
      case ScalarType.BOOL: {
        const tok = this.t.next();
        if (['true', 'True', 't', '1'].includes(tok.text) && tok.kind !== 'string') return true;
        if (['false', 'False', 'f', '0'].includes(tok.text) && tok.kind !== 'string') return false;
        throw this.t.error(`expected true or false, got ${describe(tok)}`, tok);
      }
      case ScalarType.DOUBLE:
      case ScalarType.FLOAT: {
        const neg = this.minus();
        const tok = this.t.next();
        let v: number;
        if (tok.kind === 'ident' && /^(inf|infinity)$/i.test(tok.text)) v = Infinity;
        else if (tok.kind === 'ident' && /^nan$/i.test(tok.text)) v = NaN;
        else if (tok.kind === 'number' && !/^0[xX]/.test(tok.text)) v = Number(tok.text.replace(/[fF]$/, ''));
        else throw this.t.error(`expected a number, got ${describe(tok)}`, tok);
        v = neg ? -v : v;
        return type === ScalarType.FLOAT ? Math.fround(v) : v;
      }
      case ScalarType.INT64:
      case ScalarType.SINT64:
      case ScalarType.SFIXED64:
        return this.integer(this.numberToken(), INT64, this.lastMinus);
      case ScalarType.UINT64:
      case ScalarType.FIXED64:
        return this.integer(this.numberToken(), UINT64, this.lastMinus);
      case ScalarType.UINT32:
      case ScalarType.FIXED32:
        return Number(this.integer(this.numberToken(), UINT32, this.lastMinus));
      default:
        return Number(this.integer(this.numberToken(), INT32, this.lastMinus));
    }
  }

  private lastMinus = false;

  private numberToken(): Token {
    this.lastMinus = this.minus();
    const tok = this.t.next();
    if (tok.kind !== 'number') throw this.t.error(`expected an integer, got ${describe(tok)}`, tok);
    return tok;
  }

  private integer(tok: Token, [lo, hi]: readonly [bigint, bigint], negative: boolean): bigint {
    const text = tok.text;
    if (/[.eEfF]/.test(text) && !/^0[xX]/.test(text)) throw this.t.error(`expected an integer, got ${describe(tok)}`, tok);
    let v: bigint;
    if (/^0[xX]/.test(text)) v = BigInt(text);
    else if (/^0[0-7]+$/.test(text)) v = BigInt('0o' + text.slice(1));
    else if (/^\d+$/.test(text)) v = BigInt(text);
    else throw this.t.error(`invalid integer "${text}"`, tok);
    if (negative) v = -v;
    if (v < lo || v > hi) throw this.t.error(`integer ${v} is out of range [${lo}, ${hi}]`, tok);
    return v;
  }

  private minus(): boolean {
    if (this.isPunct('-')) {
      this.t.next();
      return true;
    }
    return false;
  }

  private isPunct(text: string): boolean {
    const tok = this.t.peek();
    return tok.kind === 'punct' && tok.text === text;
  }
}

function openClose(tok: Token): string | undefined {
  if (tok.kind !== 'punct') return undefined;
  return tok.text === '{' ? '}' : tok.text === '<' ? '>' : undefined;
}

function describe(tok: Token): string {
  return tok.kind === 'eof' ? 'end of input' : `"${tok.text}"`;
}

function defaultKey(type: ScalarType): unknown {
  switch (type) {
    case ScalarType.STRING: return '';
    case ScalarType.BOOL: return false;
    case ScalarType.BYTES: return new Uint8Array();
    case ScalarType.INT64: case ScalarType.UINT64: case ScalarType.SINT64: case ScalarType.FIXED64: case ScalarType.SFIXED64: return 0n;
    default: return 0;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export { TextFormatError };
