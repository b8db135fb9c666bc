/**
 * apache-arrow `Data` -> the addon's column descriptor, zero copy: every buffer is the
 * TypedArray the Data already holds. Conventions (checked in test/unit/native/columnView.test.ts
 * for every type, sliced at odd offsets): in apache-arrow 21 a sliced Data has `values` and
 * `valueOffsets` already sub-arrayed to its first row, but `nullBitmap` and bool `values` are
 * not, so `offset` travels along as their bit offset; a fixed-size list's child is sliced with it.
 */
import { type Data, DataType, Type, type Vector } from 'apache-arrow';

import { arrowlineError } from '../errors.js';
import { NativeTypeId, nativeTypeId } from './typeId.js';

export interface ColumnDescriptor {
  typeId: NativeTypeId;
  length: number;
  offset: number;
  validity?: Uint8Array;
  values?: ArrayBufferView;
  offsets?: Int32Array | BigInt64Array;
  listSize?: number;
  indexType?: NativeTypeId;
  child?: ColumnDescriptor;
  dictionary?: ColumnDescriptor;
}

function nonEmpty<T extends ArrayBufferView>(a: T | undefined | null): T | undefined {
  return a && a.byteLength > 0 ? a : undefined;
}

/** A zero-row column of `type` (Arrow JS may build empty nested Data without children). */
function emptyDescriptor(type: DataType, column: string): ColumnDescriptor {
  const d: ColumnDescriptor = { typeId: nativeTypeId(type, column), length: 0, offset: 0 };
  const t = type as DataType & { children?: Array<{ type: DataType }>; listSize?: number; indices?: DataType; dictionary?: DataType };
  if (type.typeId === Type.List || type.typeId === Type.LargeList || type.typeId === Type.FixedSizeList) {
    d.child = emptyDescriptor(t.children![0]!.type, column);
    if (type.typeId === Type.FixedSizeList) d.listSize = t.listSize!;
  } else if (type.typeId === Type.Dictionary) {
    d.indexType = nativeTypeId(t.indices!, column);
    d.dictionary = emptyDescriptor(t.dictionary!, column);
  }
  return d;
}

function childOf(data: Data, column: string): ColumnDescriptor {
  const child = data.children?.[0];
  if (child) return describeData(child, column);
  const type = data.type as DataType & { children: Array<{ type: DataType }> };
  return emptyDescriptor(type.children[0]!.type, column);
}

/** The descriptor of one chunk; `column` names the column in errors. */
export function describeData(data: Data, column: string): ColumnDescriptor {
  const typeId = nativeTypeId(data.type, column);
  const d: ColumnDescriptor = { typeId, length: data.length, offset: data.offset };
  // A Data with no nulls may still carry an all-ones bitmap; the addon counts from the bits.
  const validity = nonEmpty(data.nullBitmap);
  if (validity) d.validity = validity;
  switch (data.type.typeId) {
    case Type.Null:
      return d;
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Binary:
    case Type.LargeBinary:
      d.values = data.values as Uint8Array;
      d.offsets = data.valueOffsets as Int32Array | BigInt64Array;
      return d;
    case Type.List:
    case Type.LargeList:
      d.offsets = data.valueOffsets as Int32Array | BigInt64Array;
      d.child = childOf(data, column);
      return d;
    case Type.FixedSizeList:
      d.listSize = (data.type as DataType<Type.FixedSizeList> & { listSize: number }).listSize;
      d.child = childOf(data, column);
      return d;
    case Type.Dictionary: {
      const type = data.type as DataType<Type.Dictionary> & { indices: DataType; dictionary: DataType };
      d.indexType = nativeTypeId(type.indices, column);
      d.values = data.values as ArrayBufferView;
      const dict = data.dictionary as Vector | undefined;
      if (!dict || dict.data.length === 0) {
        // An empty column may come without dictionary batches: an empty dictionary of the value type.
        d.dictionary = emptyDescriptor(type.dictionary, column);
        return d;
      }
      if (dict.data.length !== 1) {
        throw arrowlineError(
          'E_UNSUPPORTED_TYPE',
          `dictionary with ${dict ? dict.data.length : 0} dictionary batches (delta dictionaries) is not supported`,
          { column },
        );
      }
      d.dictionary = describeData(dict.data[0]!, column);
      return d;
    }
    default:
      if (typeId === NativeTypeId.Null) return d;
      d.values = data.values as ArrayBufferView;
      return d;
  }
}

/** One descriptor per chunk of a column. */
export function describeVector(vector: Vector, column: string): ColumnDescriptor[] {
  return vector.data.map((chunk) => describeData(chunk, column));
}
