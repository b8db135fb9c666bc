/** Every Arrow type arrowline maps, with a seeded value generator: shared by the type round-trip tests. */
import * as A from 'apache-arrow';

import { randInt, randString, rng } from './random.js';
import type { ToNumber } from './reference.js';

export type Leaf = { kind: 'numeric'; toNumber: ToNumber } | { kind: 'bytes' } | { kind: 'null' };
export interface Case {
  name: string;
  type: A.DataType;
  depth: number;
  leaf: Leaf;
  gen: (r: () => number) => unknown;
}

export const num: Leaf = { kind: 'numeric', toNumber: (v) => Number(v) };
const bytes: Leaf = { kind: 'bytes' };
const field = (t: A.DataType) => new A.Field('item', t, true);
const randBytes = (r: () => number) => Uint8Array.from({ length: randInt(r, 0, 5) }, () => randInt(r, 0, 255));

export const CASES: Case[] = [
  { name: 'bool', type: new A.Bool(), depth: 0, leaf: num, gen: (r) => r() < 0.5 },
  { name: 'int8', type: new A.Int8(), depth: 0, leaf: num, gen: (r) => randInt(r, -128, 127) },
  { name: 'int16', type: new A.Int16(), depth: 0, leaf: num, gen: (r) => randInt(r, -30000, 30000) },
  { name: 'int32', type: new A.Int32(), depth: 0, leaf: num, gen: (r) => randInt(r, -2e9, 2e9) },
  { name: 'int64', type: new A.Int64(), depth: 0, leaf: num, gen: (r) => BigInt(randInt(r, -1e15, 1e15)) },
  { name: 'uint8', type: new A.Uint8(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 255) },
  { name: 'uint16', type: new A.Uint16(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 65535) },
  { name: 'uint32', type: new A.Uint32(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 4e9) },
  { name: 'uint64', type: new A.Uint64(), depth: 0, leaf: num, gen: (r) => BigInt(randInt(r, 0, 1e15)) },
  { name: 'float16', type: new A.Float16(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : (r() - 0.5) * 100) },
  { name: 'float32', type: new A.Float32(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : (r() - 0.5) * 1e6) },
  { name: 'float64', type: new A.Float64(), depth: 0, leaf: num, gen: (r) => (r() < 0.05 ? NaN : r() < 0.05 ? 0 : (r() - 0.5) * 1e9) },
  { name: 'utf8', type: new A.Utf8(), depth: 0, leaf: bytes, gen: (r) => randString(r) },
  { name: 'large_utf8', type: new A.LargeUtf8(), depth: 0, leaf: bytes, gen: (r) => randString(r) },
  { name: 'binary', type: new A.Binary(), depth: 0, leaf: bytes, gen: randBytes },
  { name: 'large_binary', type: new A.LargeBinary(), depth: 0, leaf: bytes, gen: randBytes },
  {
    name: 'dictionary<utf8, int32>',
    type: new A.Dictionary(new A.Utf8(), new A.Int32()),
    depth: 0,
    leaf: bytes,
    gen: (r) => ['red', 'grün', '青', ''][randInt(r, 0, 3)],
  },
  {
    name: 'dictionary<utf8, int8>',
    type: new A.Dictionary(new A.Utf8(), new A.Int8()),
    depth: 0,
    leaf: bytes,
    gen: (r) => ['x', 'yy'][randInt(r, 0, 1)],
  },
  {
    name: 'date32',
    type: new A.DateDay(),
    depth: 0,
    leaf: { kind: 'numeric', toNumber: (v) => Number(v) / 86400000 },
    gen: (r) => new Date(randInt(r, -1000, 20000) * 86400000),
  },
  { name: 'date64', type: new A.DateMillisecond(), depth: 0, leaf: num, gen: (r) => new Date(randInt(r, 0, 2e12)) },
  { name: 'timestamp[ms]', type: new A.TimestampMillisecond(), depth: 0, leaf: num, gen: (r) => randInt(r, 0, 2e12) },
  {
    name: 'list<int32>',
    type: new A.List(field(new A.Int32())),
    depth: 1,
    leaf: num,
    gen: (r) => Array.from({ length: randInt(r, 0, 4) }, () => (r() < 0.1 ? null : randInt(r, -50, 50))),
  },
  {
    name: 'large_list<utf8>',
    type: new A.LargeList(field(new A.Utf8())),
    depth: 1,
    leaf: bytes,
    gen: (r) => Array.from({ length: randInt(r, 0, 3) }, () => (r() < 0.1 ? null : randString(r))),
  },
  {
    name: 'fixed_size_list<float64>[3]',
    type: new A.FixedSizeList(3, field(new A.Float64())),
    depth: 1,
    leaf: num,
    gen: (r) => [r(), r() < 0.2 ? null : r() * 10, -r()],
  },
  {
    name: 'list<list<float32>>',
    type: new A.List(field(new A.List(field(new A.Float32())))),
    depth: 2,
    leaf: num,
    gen: (r) =>
      Array.from({ length: randInt(r, 0, 3) }, () =>
        r() < 0.15 ? null : Array.from({ length: randInt(r, 0, 3) }, () => Math.fround(r() * 8 - 4)),
      ),
  },
  { name: 'null', type: new A.Null(), depth: 0, leaf: { kind: 'null' }, gen: () => null },
];

export function build(c: Case, n: number, seed: number, nullRate: number): { vector: A.Vector; values: unknown[] } {
  const r = rng(seed);
  const values = Array.from({ length: n }, () => (r() < nullRate ? null : c.gen(r)));
  const vector = A.vectorFromArray(values, c.type);
  return { vector, values };
}

