/**
 * The one switch from apache-arrow types to the addon's TypeId (native/include/arrowline/column_view.h).
 * Anything not listed is E_UNSUPPORTED_TYPE naming the column.
 */
import { DataType, DateUnit, Precision, Type } from 'apache-arrow';

import { arrowlineError } from '../errors.js';

/** Mirrors al::TypeId; the numbers are part of the binding's contract. */
export const NativeTypeId = {
  Null: 0,
  Bool: 1,
  Int8: 2,
  Int16: 3,
  Int32: 4,
  Int64: 5,
  UInt8: 6,
  UInt16: 7,
  UInt32: 8,
  UInt64: 9,
  Float16: 10,
  Float32: 11,
  Float64: 12,
  Utf8: 13,
  LargeUtf8: 14,
  Binary: 15,
  LargeBinary: 16,
  Date32: 17,
  Date64: 18,
  Timestamp: 19,
  Dictionary: 20,
  List: 21,
  LargeList: 22,
  FixedSizeList: 23,
} as const;
export type NativeTypeId = (typeof NativeTypeId)[keyof typeof NativeTypeId];

function intTypeId(bitWidth: number, isSigned: boolean): NativeTypeId {
  switch (bitWidth) {
    case 8: return isSigned ? NativeTypeId.Int8 : NativeTypeId.UInt8;
    case 16: return isSigned ? NativeTypeId.Int16 : NativeTypeId.UInt16;
    case 32: return isSigned ? NativeTypeId.Int32 : NativeTypeId.UInt32;
    default: return isSigned ? NativeTypeId.Int64 : NativeTypeId.UInt64;
  }
}

export function nativeTypeId(type: DataType, column: string): NativeTypeId {
  switch (type.typeId) {
    case Type.Null: return NativeTypeId.Null;
    case Type.Bool: return NativeTypeId.Bool;
    case Type.Int: {
      const t = type as DataType<Type.Int> & { bitWidth: number; isSigned: boolean };
      return intTypeId(t.bitWidth, t.isSigned);
    }
    case Type.Float: {
      const p = (type as DataType<Type.Float> & { precision: Precision }).precision;
      return p === Precision.HALF ? NativeTypeId.Float16 : p === Precision.SINGLE ? NativeTypeId.Float32 : NativeTypeId.Float64;
    }
    case Type.Utf8: return NativeTypeId.Utf8;
    case Type.LargeUtf8: return NativeTypeId.LargeUtf8;
    case Type.Binary: return NativeTypeId.Binary;
    case Type.LargeBinary: return NativeTypeId.LargeBinary;
    case Type.Date: {
      const unit = (type as DataType<Type.Date> & { unit: DateUnit }).unit;
      return unit === DateUnit.DAY ? NativeTypeId.Date32 : NativeTypeId.Date64;
    }
    case Type.Timestamp: return NativeTypeId.Timestamp;
    case Type.Dictionary: return NativeTypeId.Dictionary;
    case Type.List: return NativeTypeId.List;
    case Type.LargeList: return NativeTypeId.LargeList;
    case Type.FixedSizeList: return NativeTypeId.FixedSizeList;
    default:
      throw arrowlineError(
        'E_UNSUPPORTED_TYPE',
        `type ${String(type)} is not supported (supported: bool, integers, floats, utf8, binary, dictionary, date, timestamp, and lists of these)`,
        { column },
      );
  }
}
