/**
 * Protobuf wire bytes written by hand from field numbers (tag = field << 3 | wire type), so
 * golden tests never depend on the encoder they check.
 */
export function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
/** varint field (int32/int64/uint64/bool/enum). */
export const vint = (field: number, n: number | bigint) => [...tag(field, 0), ...varint(n)];
/** length-delimited field (string, bytes, message). */
export function len(field: number, body: number[] | string): number[] {
  const bytes = typeof body === 'string' ? [...new TextEncoder().encode(body)] : body;
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}
/** 64-bit double field. */
export function dbl(field: number, x: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...tag(field, 1), ...b];
}
/** 32-bit float field. */
export function flt(field: number, x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...tag(field, 5), ...b];
}
export const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());
