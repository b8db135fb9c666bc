/**
 * Row selection in the addon: row hashes over columns (deterministic splits), rows grouped by
 * hash bucket, and take (gather rows into new Arrow buffers). The result of a take is wrapped
 * as an apache-arrow Data of the same type, over the buffers the addon returned; a dictionary
 * column keeps its dictionary and gets new indices.
 */
import { type Data, type DataType, makeData, RecordBatch, Struct, Type } from 'apache-arrow';

import { arrowlineError, withContext } from '../errors.js';
import type { NativeOwnedColumn } from './binding.js';
import { describeData } from './columnView.js';
import { loadAddon } from './loader.js';

type AnyType = DataType & { ArrayType?: { new (b: ArrayBuffer, o: number, n: number): ArrayBufferView; BYTES_PER_ELEMENT: number }; children?: Array<{ type: DataType }>; indices?: AnyType };

function view(bytes: Uint8Array, ctor: NonNullable<AnyType['ArrayType']>): ArrayBufferView {
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
}

const offsetsView = (o: Uint8Array, large: boolean) => (large ? new BigInt64Array(o.buffer, o.byteOffset, o.byteLength / 8) : new Int32Array(o.buffer, o.byteOffset, o.byteLength / 4));

/** An Arrow Data of `type` over an owned column the addon built; `original` lends its dictionary. */
export function ownedToData(type: DataType, o: NativeOwnedColumn, original?: Data): Data {
  const t = type as AnyType;
  const base = { type, length: o.length, nullCount: o.nullCount, nullBitmap: o.validity };
  switch (type.typeId) {
    case Type.Null:
      return makeData({ type, length: o.length, nullCount: o.length } as never);
    case Type.Bool:
      return makeData({ ...base, data: o.values } as never);
    case Type.Utf8:
    case Type.Binary:
      return makeData({ ...base, data: o.values, valueOffsets: offsetsView(o.offsets, false) } as never);
    case Type.LargeUtf8:
    case Type.LargeBinary:
      return makeData({ ...base, data: o.values, valueOffsets: offsetsView(o.offsets, true) } as never);
    case Type.List:
    case Type.LargeList:
      return makeData({ ...base, valueOffsets: offsetsView(o.offsets, type.typeId === Type.LargeList), child: ownedToData(t.children![0]!.type, o.child!, original?.children[0]) } as never);
    case Type.FixedSizeList:
      return makeData({ ...base, child: ownedToData(t.children![0]!.type, o.child!, original?.children[0]) } as never);
    case Type.Dictionary:
      return makeData({ ...base, data: view(o.values, t.indices!.ArrayType!), dictionary: original?.dictionary } as never);
    default:
      if (!t.ArrayType) throw arrowlineError('E_UNSUPPORTED_TYPE', `take: no buffer layout for ${String(type)}`);
      return makeData({ ...base, data: view(o.values, t.ArrayType) } as never);
  }
}

/** Rows `indices` of one chunk, in order, as a new Data of the same type. */
export function takeData(data: Data, indices: Int32Array, column = 'column'): Data {
  return withContext({ column }, () => ownedToData(data.type, loadAddon().takeColumn(describeData(data, column), indices), data));
}

/** A record batch's single-chunk columns. */
function batchColumns(batch: RecordBatch): { name: string; data: Data }[] {
  return batch.schema.fields.map((f, i) => ({ name: f.name, data: batch.getChildAt(i)!.data[0]! }));
}

/** Rows `indices` of a record batch, in order. */
export function takeBatch(batch: RecordBatch, indices: Int32Array): RecordBatch {
  const children = batchColumns(batch).map(({ name, data }) => takeData(data, indices, name));
  const struct = makeData({ type: new Struct(batch.schema.fields), length: indices.length, nullCount: 0, children });
  return new RecordBatch(batch.schema, struct);
}

function keyColumns(batch: RecordBatch, keys: readonly string[] | undefined): { name: string; data: Data }[] {
  const all = batchColumns(batch);
  if (!keys || keys.length === 0) return all;
  return keys.map((k) => {
    const c = all.find((x) => x.name === k);
    if (!c) throw arrowlineError('E_NOT_FOUND', `no column '${k}' to hash (columns: ${all.map((x) => x.name).join(', ')})`, { column: k });
    return c;
  });
}

/** 64-bit hashes of each row over `keys` (default: every column, in schema order). */
export function rowHashes(batch: RecordBatch, keys?: readonly string[]): BigUint64Array {
  return loadAddon().rowHashes(keyColumns(batch, keys).map(({ name, data }) => describeData(data, name)));
}

/**
 * Row indices per split: row r goes to the first split whose cumulative bucket bound exceeds
 * hash(r) mod the total bucket count (TFX's hash_buckets).
 */
export function hashSplitRows(batch: RecordBatch, bounds: readonly number[], keys?: readonly string[]): Int32Array[] {
  return loadAddon().hashSplitRows(keyColumns(batch, keys).map(({ name, data }) => describeData(data, name)), [...bounds]);
}


/**
 * Rows grouped by the values of `keys` (scalar columns), groups in order of first appearance:
 * each group's rows and its first row (rows where a key is missing are in no group).
 */
export function groupRows(batch: RecordBatch, keys: readonly string[]): { rows: Int32Array[]; firstRow: Int32Array } {
  return loadAddon().groupRows(keyColumns(batch, keys).map(({ name, data }) => describeData(data, name)));
}
