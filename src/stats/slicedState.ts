/**
 * Sliced partial statistics: the default slice's partial statistics plus one per slice, with the
 * slicing columns they were made with (what `stats --slice --partial` writes, what workers send
 * back, what StatsAccumulator serializes). Without slicing columns the bytes are the partial
 * state itself (partialState.ts: "ALST" or "ALPW"), so unsliced files are unchanged. Sliced:
 * "ALSL", uint32 version 1, uint32 column count, each column (uint32 length + UTF-8), the
 * default slice's partial state (uint64 length + bytes), uint32 slice count, then each slice:
 * name (uint32 length + UTF-8) and partial state (uint64 length + bytes). Little-endian.
 */
import { arrowlineError } from '../errors.js';
import { decodePartial, encodePartial, mergePartial, type PartialStatistics } from './partialState.js';

export interface SlicedPartial {
  /** The slicing columns (empty: unsliced, `slices` stays empty). */
  columns: string[];
  /** The default slice: every row. */
  all: PartialStatistics;
  /** One per slice name ("<column>_<value>", see slices.ts). */
  slices: Map<string, PartialStatistics>;
}

const MAGIC = Buffer.from('ALSL');

class Writer {
  private parts: Buffer[] = [];
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.parts.push(b);
  }
  text(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u32(b.length);
    this.parts.push(b);
  }
  blob(bytes: Uint8Array): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(bytes.length));
    this.parts.push(b, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  raw(b: Buffer): void {
    this.parts.push(b);
  }
  done(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

export function encodeSliced(s: SlicedPartial): Uint8Array {
  if (s.columns.length === 0) return encodePartial(s.all);
  const w = new Writer();
  w.raw(MAGIC);
  w.u32(1);
  w.u32(s.columns.length);
  for (const c of s.columns) w.text(c);
  w.blob(encodePartial(s.all));
  w.u32(s.slices.size);
  for (const [name, p] of s.slices) {
    w.text(name);
    w.blob(encodePartial(p));
  }
  return w.done();
}

export function decodeSliced(bytes: Uint8Array, source?: string): SlicedPartial {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4 || !b.subarray(0, 4).equals(MAGIC)) return { columns: [], all: decodePartial(bytes, source), slices: new Map() };
  const where = source ? { file: source } : {};
  const bad = () => arrowlineError('E_INPUT_MALFORMED', 'sliced partial statistics are truncated or corrupt', where);
  let o = 4;
  const need = (n: number) => {
    if (o + n > b.length) throw bad();
  };
  const u32 = () => {
    need(4);
    o += 4;
    return b.readUInt32LE(o - 4);
  };
  const text = () => {
    const n = u32();
    need(n);
    o += n;
    return b.subarray(o - n, o).toString('utf8');
  };
  const blob = () => {
    need(8);
    const n = Number(b.readBigUInt64LE(o));
    o += 8;
    need(n);
    o += n;
    return b.subarray(o - n, o);
  };
  const version = u32();
  if (version !== 1) throw arrowlineError('E_INPUT_MALFORMED', `sliced partial statistics version ${version} is not supported (this build reads version 1)`, where);
  const columns = Array.from({ length: u32() }, text);
  const all = decodePartial(blob(), source);
  const slices = new Map<string, PartialStatistics>();
  const count = u32();
  for (let i = 0; i < count; i++) {
    const name = text();
    slices.set(name, decodePartial(blob(), source));
  }
  if (o !== b.length) throw bad();
  return { columns, all, slices };
}

/**
 * Merges `from` into `into` slice by slice (a slice only in `from` is taken over, so `from`
 * must not be used afterwards). Both must be sliced on the same columns.
 */
export function mergeSliced(into: SlicedPartial, from: SlicedPartial): SlicedPartial {
  if (into.columns.join('\u0000') !== from.columns.join('\u0000')) {
    const show = (c: string[]) => (c.length ? c.join(', ') : 'no columns');
    throw arrowlineError('E_OPTION_INVALID', `partial statistics sliced on different columns (${show(into.columns)} and ${show(from.columns)}) cannot be merged`);
  }
  mergePartial(into.all, from.all);
  for (const [name, p] of from.slices) {
    const mine = into.slices.get(name);
    if (mine) mergePartial(mine, p);
    else into.slices.set(name, p);
  }
  return into;
}
